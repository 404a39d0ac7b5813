// Head's figures for continuous-benchmarking trackers, with the comparison against base as context.
//
// github-action-benchmark: its custom tools read a JSON array of { name, unit, value, range?, extra? }, and the
// direction is chosen per action step (`tool: customBiggerIsBetter` / `customSmallerIsBetter`), so req/s and p99
// latency go to two arrays — two files, two steps. `range` must read "± <number>" for the action to use it; the
// bootstrap CI is asymmetric, so the range is its wider half and the exact interval is in `extra`.
//
// Bencher Metric Format: { "<benchmark>": { "<measure>": { value, lower_value?, upper_value? } } }. The measures
// are Bencher's built-in `throughput` (operations/s: req/s here) and `latency` (nanoseconds: the p99 here, since a
// tail latency is what regresses first under load), with the bootstrap 95 % CI as lower/upper values.
import type { Interval } from '../results/schema.ts';
import type { Comparison } from './compare.ts';
import { pct, pctCi, short, verdictText } from './format.ts';

export interface GabEntry {
  name: string;
  unit: string;
  value: number;
  range?: string;
  extra?: string;
}

export interface GabOutput {
  customBiggerIsBetter: GabEntry[];
  customSmallerIsBetter: GabEntry[];
}

export interface BmfMetric {
  value: number;
  lower_value?: number;
  upper_value?: number;
}

export type Bmf = Record<string, Record<string, BmfMetric>>;

interface HeadFigure {
  benchmark: string;
  connections: number;
  trials: number | null;
  rps: Interval;
  p99: Interval;
  /** Against base, when the strategy was compared. */
  vs: { rps: string; p99: string } | null;
}

const round = (x: number, digits: number): number => Number(x.toFixed(digits));

function headFigures(c: Comparison): HeadFigure[] {
  const out: HeadFigure[] = [];
  for (const e of c.entries) {
    const benchmark = `${e.scenario}/${e.strategy}`;
    if (e.kind === 'compared') {
      for (const l of e.levels) {
        const vs = (m: typeof l.rps): string =>
          `vs base ${short(c.base.sha)}: ${pct(m.ratio.estimate)} ${pctCi(m.ratio)}, ${verdictText(m)}`;
        out.push({
          benchmark,
          connections: l.connections,
          trials: l.trials.head,
          rps: l.rps.head,
          p99: l.p99.head,
          vs: { rps: vs(l.rps), p99: vs(l.p99) },
        });
      }
    } else if (e.kind === 'added') {
      for (const l of e.levels) out.push({ benchmark, connections: l.connections, trials: null, rps: l.rps, p99: l.p99, vs: null });
    }
  }
  return out;
}

interface GabMetric {
  label: 'req/s' | 'p99';
  unit: 'req/s' | 'ms';
  digits: number;
  ci: Interval;
  vs: string | undefined;
}

function gabEntry(f: HeadFigure, m: GabMetric, headSha: string): GabEntry {
  const { ci, digits, unit } = m;
  const half = Math.max(ci.high - ci.estimate, ci.estimate - ci.low);
  const extra = [
    `median${f.trials ? ` of ${f.trials} trials` : ''}, 95 % CI ${round(ci.low, digits)}–${round(ci.high, digits)} ${unit}, head ${short(headSha)}`,
    m.vs ?? 'no base figure (new strategy)',
  ];
  return {
    name: `${f.benchmark} (${f.connections} connections) ${m.label}`,
    unit,
    value: round(ci.estimate, digits),
    range: `± ${round(half, digits)}`,
    extra: extra.join('\n'),
  };
}

export function githubActionBenchmark(c: Comparison): GabOutput {
  const figures = headFigures(c);
  const sha = c.head.sha;
  return {
    customBiggerIsBetter: figures.map((f) => gabEntry(f, { label: 'req/s', unit: 'req/s', digits: 1, ci: f.rps, vs: f.vs?.rps }, sha)),
    customSmallerIsBetter: figures.map((f) => gabEntry(f, { label: 'p99', unit: 'ms', digits: 3, ci: f.p99, vs: f.vs?.p99 }, sha)),
  };
}

export function bencherMetricFormat(c: Comparison): Bmf {
  const out: Bmf = {};
  const ns = (ms: number): number => Math.round(ms * 1e6);
  for (const f of headFigures(c)) {
    out[`${f.benchmark} (${f.connections} connections)`] = {
      throughput: { value: round(f.rps.estimate, 3), lower_value: round(f.rps.low, 3), upper_value: round(f.rps.high, 3) },
      latency: { value: ns(f.p99.estimate), lower_value: ns(f.p99.low), upper_value: ns(f.p99.high) },
    };
  }
  return out;
}
