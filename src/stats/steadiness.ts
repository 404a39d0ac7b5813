// How steady a machine's processors are: what the probe measured (src/runner/cpu-steadiness.ts),
// summarized, and its one line for the log, the summary, doctor and the report.
import type { CpuSteadiness } from '../results/schema.ts';
import { cv, median, quantile } from './summary.ts';

export type { CpuSteadiness };

/**
 * Up to this CV of window speeds the processors are steady enough for the default ±3 % target: a few rounds of trials
 * that vary by 5 % narrow a median's interval to it, while 10–20 % (this project's 2-core virtual machine,
 * docs/measurement.md) would take hundreds.
 */
export const STEADY_CV = 0.05;

/** One copy's chunks: [end, ms since its start; CPU µs the chunk took]. */
export type Chunk = readonly [number, number];

/** Work per CPU second in each window of `windowSec`, per copy; windows with fewer than 3 chunks are left out. */
export function windowSpeeds(copies: ReadonlyArray<readonly Chunk[]>, windowSec: number): number[] {
  const speeds: number[] = [];
  for (const chunks of copies) {
    const byWindow = new Map<number, { n: number; cpu: number }>();
    for (const [endMs, cpuUs] of chunks) {
      const w = Math.floor(endMs / (windowSec * 1000));
      const acc = byWindow.get(w) ?? { n: 0, cpu: 0 };
      acc.n += 1;
      acc.cpu += cpuUs;
      byWindow.set(w, acc);
    }
    for (const { n, cpu } of byWindow.values()) if (n >= 3 && cpu > 0) speeds.push(n / cpu);
  }
  return speeds;
}

/**
 * A window slower than this share of the processor's full speed (the 90th percentile of its windows) is in one of its
 * slow spells. Against the fastest windows rather than the median: a spell can outlast a probe, or hold most of a run.
 */
export const SLOW_WINDOW = 0.9;

/** The spread of window speeds: CV, the slowest and fastest relative to the median, and the share in slow spells. */
export function summarizeSpeeds(speeds: readonly number[]): Pick<CpuSteadiness, 'windows' | 'cv' | 'slowest' | 'fastest' | 'slowShare'> {
  if (speeds.length < 2) return { windows: speeds.length, cv: 0, slowest: 1, fastest: 1, slowShare: 0 };
  const mid = median(speeds);
  const full = quantile(
    [...speeds].sort((a, b) => a - b),
    0.9,
  );
  return {
    windows: speeds.length,
    cv: cv(speeds),
    slowest: Math.min(...speeds) / mid,
    fastest: Math.max(...speeds) / mid,
    slowShare: speeds.filter((x) => x < SLOW_WINDOW * full).length / speeds.length,
  };
}

/** "taken at 11 moments of the run" for windows pooled from several probes; null for one. */
export function momentsPhrase(s: CpuSteadiness): string | null {
  return s.moments && s.moments > 1 ? `taken at ${s.moments} moments of the run` : null;
}

/** "50 % of windows under ×0.9 of full speed"; null for records older than the figure. */
export function slowSharePhrase(s: CpuSteadiness): string | null {
  return s.slowShare === undefined ? null : `${(s.slowShare * 100).toFixed(0)} % of windows under ×${SLOW_WINDOW} of full speed`;
}

/** One line for the log, the summary and doctor. */
export function steadinessLine(s: CpuSteadiness): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
  const moments = momentsPhrase(s);
  const slow = slowSharePhrase(s);
  return (
    `CPU speed over ${s.windowSec} s windows of fixed work varied by ${pct(s.cv)} (CV; ${s.cores} core${s.cores === 1 ? '' : 's'} at once` +
    `${s.pinned ? ', one copy pinned to each' : ''}, ${s.windows} windows${moments ? ` ${moments}` : ''}; ` +
    `slowest ×${s.slowest.toFixed(2)}, fastest ×${s.fastest.toFixed(2)} of the median${slow ? `; ${slow}` : ''})`
  );
}
