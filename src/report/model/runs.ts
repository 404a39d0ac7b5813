// The runs a report is given, in the order the history chart and the environment section show them, and their
// labels. Pure functions over `Result`.
import type { Result } from '../../results/schema.ts';

/** When a run happened, for ordering history: the commit time when known (rebuilds of old commits sort right). */
function runTime(r: Result): number {
  const t = Date.parse(r.git.commitTime ?? r.startedAt);
  return Number.isNaN(t) ? 0 : t;
}

/**
 * The runs in chart order: earlier results by commit time (then start time), the current run (the last argument)
 * always last, since the page is about it and "now" should be the rightmost point.
 */
export function orderRuns(results: readonly Result[]): Result[] {
  const current = results[results.length - 1];
  if (!current) return [];
  const earlier = results
    .slice(0, -1)
    .map((r, i) => ({ r, i }))
    .sort((x, y) => runTime(x.r) - runTime(y.r) || Date.parse(x.r.startedAt) - Date.parse(y.r.startedAt) || x.i - y.i)
    .map((x) => x.r);
  return [...earlier, current];
}

/** Unique, short labels for runs on a chart axis: "a1b2c3d* 05-12 14:03" (star = dirty tree). */
export function runLabels(runs: readonly Result[]): string[] {
  const seen = new Map<string, number>();
  return runs.map((r) => {
    const when = (r.git.commitTime ?? r.startedAt).slice(5, 16).replace('T', ' ');
    const base = `${r.git.sha.slice(0, 7)}${r.git.dirty ? '*' : ''} ${when}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base} #${n}`;
  });
}
