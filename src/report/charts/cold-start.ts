// Cold-start latency next to the steady state: the first requests a strategy server answered (cold pools, unprepared
// statements, empty caches) against its loaded p50 and p99. Null when no ranked strategy carries the figures.
import { formatInt } from '../format.ts';
import type { ScenarioView } from '../model/scenario.ts';
import type { ChartDef } from './common.ts';
import { dumbbell } from './dots.ts';

export function coldVsWarm(view: ScenarioView, id: string): ChartDef | null {
  const rows = view.ranked.flatMap((r) => {
    const cold = r.strategy.cold;
    if (cold === null || cold.requests === 0) return [];
    const steady = r.level.summary.latencyUs;
    return [
      { strategy: r.strategy.strategy, p50: [steady.p50, cold.latencyUs.p50] as const, p99: [steady.p99, cold.latencyUs.p99] as const },
    ];
  });
  if (rows.length === 0) return null;
  const n = Math.min(...view.ranked.map((r) => r.strategy.cold?.requests ?? Number.POSITIVE_INFINITY));
  const few = n < 100 ? ` With only ${formatInt(n)} cold requests, their p99 is close to their slowest one.` : '';
  return dumbbell(view, {
    id,
    title: 'Cold start vs steady state',
    caption:
      'p50 (circle) and p99 (square) of the first requests after the server started (cold pools, unprepared ' +
      `statements, empty caches) beside the steady state at ${view.connections ?? '?'} connections (log scale). The ` +
      `number is cold latency as a multiple of steady latency; cold requests are sent one at a time, so a cold p50 ` +
      `can beat a loaded steady p50.${few}`,
    series: ['steady state', 'cold'],
    colors: ['#4c78a8', '#f58518'],
    axisTitle: 'latency (log scale)',
    rows,
  });
}
