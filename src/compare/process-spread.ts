// The spread between server processes of the same code (σₚ: the σ of log(req/s of one process / req/s of another)),
// which each timed interval of a comparison carries (src/compare/compare.ts, withProcessSpread). It is assumed
// (PROCESS_SPREAD, `--process-spread`) and, where a run timed several processes a side (`ab --processes`), measured
// in that very run: two processes of one side run the same code in the same rounds, so the mean of their per-round
// log-ratio is, on average, σₚ² plus its own within-run variance; the difference over all strategies and sides is
// this run's σₚ².
import type { LoadLevel } from '../results/schema.ts';

/** Server processes a level's trials came from (Trial.process; 1 in files without it). */
export const processesOf = (l: LoadLevel): number => Math.max(1, ...l.trials.map((t) => t.process ?? 1));

/**
 * One estimate of σₚ² from the per-round log-ratios `d` between two processes of the same code: the mean squared less
 * its within-run variance (the rounds' variance over their count). Unbiased, so it can be negative; null under 3 rounds.
 */
export function excessOf(d: number[]): number | null {
  if (d.length < 3) return null;
  const m = d.reduce((a, x) => a + x, 0) / d.length;
  const v = d.reduce((a, x) => a + (x - m) ** 2, 0) / (d.length - 1);
  return m * m - v / d.length;
}

/** Per-round log-ratios of req/s between processes 1 and 2, 3 and 4, … of one level (trials of one round in order). */
function processPairs(l: LoadLevel): number[][] {
  const of = (k: number) => l.trials.filter((t) => (t.process ?? 1) === k);
  const out: number[][] = [];
  for (let k = 1; k + 1 <= processesOf(l); k += 2) {
    const [a, b] = [of(k), of(k + 1)];
    const n = Math.min(a.length, b.length);
    const d: number[] = [];
    for (let i = 0; i < n; i++) {
      const [x, y] = [a[i]?.rps ?? 0, b[i]?.rps ?? 0];
      if (x > 0 && y > 0) d.push(Math.log(x / y));
    }
    out.push(d);
  }
  return out;
}

/** Fewer estimates than this and a run does not say what its σₚ was. */
export const MIN_SPREAD_SAMPLES = 4;

/**
 * σₚ as measured by the levels given (every compared level of both sides), with the number of process pairs it
 * comes from; null when fewer than MIN_SPREAD_SAMPLES pairs of processes of the same code were timed.
 */
export function measuredSpread(levels: LoadLevel[]): { spread: number; samples: number } | null {
  const excess = levels.flatMap(processPairs).flatMap((d) => {
    const e = excessOf(d);
    return e === null ? [] : [e];
  });
  if (excess.length < MIN_SPREAD_SAMPLES) return null;
  return { spread: Math.sqrt(Math.max(0, excess.reduce((a, x) => a + x, 0) / excess.length)), samples: excess.length };
}

/**
 * The σₚ a comparison's intervals carry (`ab`, `compare`, each pass of `calibrate`): the assumed one, or the one the
 * levels measured where that is larger — a noisier run widens the intervals, a quieter one never narrows them.
 */
export function gateSpread(levels: LoadLevel[], assumed: number): { used: number; measured: ReturnType<typeof measuredSpread> } {
  const measured = measuredSpread(levels);
  return { used: Math.max(assumed, measured?.spread ?? 0), measured };
}
