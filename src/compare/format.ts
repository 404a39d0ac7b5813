// Number and verdict wording shared by the comparison's renderers, so the terminal, the job summary and the JSON
// exports never disagree on what a delta or a verdict says.
import type { Interval } from '../results/schema.ts';
import type { Comparison, CpuSplit, LevelComparison, MetricComparison } from './compare.ts';
import { COST_LABELS, costUnchanged, costValue } from './cost.ts';
import { formatThreshold } from './threshold.ts';

/** A head/base ratio as a signed percentage: 0.523 → "-47.7 %". */
export function pct(ratio: number): string {
  const p = (ratio - 1) * 100;
  const s = Math.abs(p) < 0.05 ? '0.0' : p.toFixed(1);
  return `${p > 0 && s !== '0.0' ? '+' : ''}${s} %`;
}

/** The ratio's confidence interval as percentages: "[-51.0 %, -44.1 %]". */
/** The ratio's interval; its confidence is named when it is below 95 % (few trials). */
export function pctCi(ratio: Interval): string {
  const conf = ratio.confidence !== undefined && ratio.confidence < 0.95 ? ` @${Math.floor(ratio.confidence * 100)} %` : '';
  return `[${pct(ratio.low)}, ${pct(ratio.high)}]${conf}`;
}

/** CPU µs per request, app · database · cache ("–": not measured), base → head. */
export function cpuChange(cpu: { base: CpuSplit; head: CpuSplit }): string {
  const f = (c: CpuSplit): string => [c.app, c.db, c.cache].map((x) => (x === null ? '–' : x.toFixed(0))).join('·');
  return `${f(cpu.base)} → ${f(cpu.head)}`;
}

export function value(m: MetricComparison, x: number): string {
  if (m.unit === 'req/s') return Math.round(x).toLocaleString('en-US');
  return x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2);
}

export const metricLabel = (m: MetricComparison): string => (m.metric === 'rps' ? 'req/s' : 'p99');

export function verdictText(m: MetricComparison): string {
  if (m.verdict === 'no-change') return 'no significant change';
  return m.regression ? `${m.verdict} (regression)` : m.verdict;
}

/** One phrase for a level's two metrics: "no significant change" or "req/s slower (regression), p99 slower". */
export function levelVerdict(l: LevelComparison): string {
  const changed = [l.rps, l.p99].filter((m) => m.verdict !== 'no-change');
  if (changed.length === 0) return 'no significant change';
  return changed.map((m) => `${metricLabel(m)} ${verdictText(m)}`).join(', ');
}

/** "queries per request grew in 1 strategy; 2 regressions beyond 10 %", or — with none — what changed at all. */
export function headline(c: Comparison): string {
  const n = c.regressions.length;
  const q = c.costRegressions.length;
  const failing = [
    q > 0 ? `queries per request grew in ${q} ${q === 1 ? 'strategy' : 'strategies'}` : '',
    n > 0 ? `${n} regression${n === 1 ? '' : 's'} beyond ${formatThreshold(c.threshold)}` : '',
  ].filter(Boolean);
  if (failing.length > 0) return failing.join('; ');
  const changed = c.costs.filter((x) => !costUnchanged(x)).length;
  const exact = changed > 0 ? `; exact costs changed in ${changed} ${changed === 1 ? 'strategy' : 'strategies'}` : '';
  let faster = 0;
  let slower = 0;
  for (const e of c.entries) {
    if (e.kind !== 'compared') continue;
    for (const l of e.levels) {
      if (l.rps.verdict === 'faster' || l.p99.verdict === 'faster') faster++;
      if (l.rps.verdict === 'slower' || l.p99.verdict === 'slower') slower++;
    }
  }
  if (faster + slower === 0) return `No significant change${exact}`;
  const parts = [faster ? `${faster} faster` : '', slower ? `${slower} slower within the threshold` : ''].filter(Boolean);
  return `No regression beyond ${formatThreshold(c.threshold)} (${parts.join(', ')})${exact}`;
}

export const short = (sha: string): string => sha.slice(0, 7);

export function machineText(m: Comparison['base']['machine']): string {
  return `${m.cpuModel} · ${m.cores} cores · ${(m.memoryBytes / 1024 ** 3).toFixed(0)} GiB · ${m.os} (${m.hostname})`;
}

export function profileText(s: Comparison['base']): string {
  const p = s.profile;
  return `${p.name}: ${s.dataset.preset} data, seed ${s.dataset.seed}, ${p.trials} × ${p.trialSec} s trials after ${p.warmupSec} s warmup, ${p.connections.join('/')} connections`;
}

export function regressionList(c: Comparison): string {
  const grew = c.costRegressions.map((r) => {
    const up = r.changes.filter((ch) => ch.metric.startsWith('queries') && ch.head > ch.base);
    return `${r.scenario}/${r.strategy} (${up.map((ch) => `${COST_LABELS[ch.metric]} ${costValue(ch.metric, ch.base)} → ${costValue(ch.metric, ch.head)}`).join(', ')})`;
  });
  const timed = c.regressions.map(
    (r) =>
      `${r.scenario}/${r.strategy} at ${r.connections} connections (${r.metrics.map((m) => `${metricLabel(m)} ${pct(m.ratio.estimate)}`).join(', ')})`,
  );
  return [...grew, ...timed].join('; ');
}

/** How the timed intervals were formed and what confidence they hold together with (Comparison.family). */
export function familyText(c: Comparison): string {
  const how =
    c.base.runId === c.head.runId
      ? 'base and head ran their trials round by round in one run, so each is the Hodges–Lehmann centre of the per-round ratios with its exact signed-rank interval.'
      : 'the ratio of the medians across trials with a bootstrap interval.';
  const f = c.family;
  const pct = (x: number): string => `${(x * 100).toFixed(1)} %`;
  const m = f.measuredProcessSpread;
  const source =
    m === null
      ? '`--process-spread`; `accessbench calibrate` measures it'
      : m.spread > f.processSpread - 1e-12 && m.spread > 0
        ? `measured in this run between processes of the same code, ${m.samples} pairs of them`
        : `assumed (\`--process-spread\`); this run measured ${pct(m.spread)} between processes of the same code, ${m.samples} pairs of them`;
  const per = f.processes > 1 ? `; ${f.processes} processes a side, so each estimate carries σ / √${f.processes}` : '';
  const spread =
    f.processSpread > 0
      ? ` Each interval also carries the spread between two server processes of the same code (σ ${pct(f.processSpread)}, ${source}${per}), ` +
        'which no number of rounds of one process can see.'
      : '';
  if (f.figures <= 1) return how + spread;
  return (
    `${how} The ${f.figures} intervals hold together at ${Math.round(f.confidence * 100)} % (each at ${(f.each * 100).toFixed(2)} %): ` +
    `on unchanged code, all of them contain no change in 19 runs of 20, however many strategies are compared.${spread}`
  );
}
