// The tinybench wrapper shared by the micro-benchmark groups: a group declares its benchmarks as data (name and
// function) plus a check that the paths it compares produce the same output; this module times them and turns
// tinybench's statistics into the result file's `micro` entries.
import { Bench } from 'tinybench';
import type { Result } from '../results/schema.ts';

/** One entry of Result.micro. opsPerSec is 1e9 / meanNs (not tinybench's mean of per-sample rates). */
export type MicroResult = Result['micro'][number];

export interface MicroBench {
  name: string;
  /** Returns what it computed, so the work cannot be optimized away. */
  fn: () => unknown;
  async?: boolean;
}

export interface MicroGroup {
  group: string;
  benches: MicroBench[];
  /** Throws when two paths this group compares do not produce the same output: run before anything is timed. */
  check: () => Promise<void>;
}

export interface MicroOptions {
  /** A few milliseconds per benchmark (tests, the quick profile) instead of ~0.5 s. */
  quick?: boolean;
}

export interface ResolvedMicroOptions {
  timeMs: number;
  warmupMs: number;
}

export const resolveMicroOptions = (o: MicroOptions): ResolvedMicroOptions =>
  o.quick ? { timeMs: 25, warmupMs: 10 } : { timeMs: 500, warmupMs: 200 };

export class MicroError extends Error {
  override name = 'MicroError';
}

const MS_TO_NS = 1e6;

/** Times every benchmark of the groups, sequentially; a benchmark that throws fails the run with every error at once. */
export async function timeGroups(groups: readonly MicroGroup[], opts: ResolvedMicroOptions): Promise<MicroResult[]> {
  const out: MicroResult[] = [];
  const errors: string[] = [];
  for (const g of groups) {
    const bench = new Bench({
      time: opts.timeMs,
      warmupTime: opts.warmupMs,
      // hrtime (ns) rather than performance.now, and the cost of reading it subtracted: several benchmarks take
      // only a microsecond or two, where the timer itself would otherwise show.
      timestampProvider: 'hrtimeNow',
      subtractTimerOverhead: true,
    });
    for (const b of g.benches) bench.add(b.name, b.fn, b.async === undefined ? {} : { async: b.async });
    await bench.run();
    for (const task of bench.tasks) {
      const r = task.result;
      if (r.state !== 'completed') {
        errors.push(`${g.group} / ${task.name}: ${r.state === 'errored' ? r.error.message : r.state}`);
        continue;
      }
      const meanNs = r.latency.mean * MS_TO_NS;
      out.push({
        group: g.group,
        name: task.name,
        opsPerSec: meanNs > 0 ? 1e9 / meanNs : 0,
        meanNs,
        p99Ns: r.latency.p99 * MS_TO_NS,
        rme: r.latency.rme,
        samples: r.latency.samplesCount,
      });
    }
  }
  if (errors.length) throw new MicroError(`micro-benchmarks failed:\n${errors.join('\n')}`);
  return out;
}

/** A fixed-width table for the terminal. */
export function formatMicroTable(results: readonly MicroResult[]): string {
  const ns = (v: number): string =>
    v < 1e3 ? `${v.toFixed(0)} ns` : v < 1e6 ? `${(v / 1e3).toFixed(2)} µs` : `${(v / 1e6).toFixed(2)} ms`;
  const rows = results.map((r) => [
    r.group,
    r.name,
    Math.round(r.opsPerSec).toLocaleString('en-US'),
    ns(r.meanNs),
    ns(r.p99Ns),
    `±${r.rme.toFixed(2)} %`,
    String(r.samples),
  ]);
  const head = ['group', 'benchmark', 'ops/s', 'mean', 'p99', 'rme', 'samples'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
