// The charts of one scenario and how they are laid out on the page.
import type { Result } from '../../results/schema.ts';
import type { ScenarioView } from '../model/scenario.ts';
import { queries, throughput } from './bars.ts';
import type { ChartDef } from './common.ts';
import { coldVsWarm } from './cold-start.ts';
import { replicaLag } from './replica-lag.ts';
import { appCpuChart, parallelCharts } from './app-side.ts';
import { appSidePairs } from '../model/app-side.ts';
import { concurrency, fanout, history, latency } from './lines.ts';
import { cacheAndStaleness, readWriteLatency, readWriteTradeoff } from './mixed.ts';

export type { ChartDef } from './common.ts';

export interface ChartContext {
  /** The run the page is about. */
  current: Result;
  /** All runs in chart order (the current one last) and their axis labels, for history. */
  runs: readonly Result[];
  labels: readonly string[];
}

/** Half-width charts in pairs; the last of an odd group takes the full width, so the next group starts a row. */
function pairUp(charts: ReadonlyArray<ChartDef | null>): ChartDef[] {
  const present = charts.filter((c): c is ChartDef => c !== null);
  return present.map((c, i) => ({ ...c, wide: i === present.length - 1 && i % 2 === 0 }));
}

/**
 * The charts of one scenario, in page order, left out when meaningless. Half-width charts are paired in order, so
 * throughput sits next to queries per request (same strategies, same order, same height: a slow bar is beside its
 * query count) and the latency charts pair up; an unpaired chart takes the full width. A mixed load's charts form
 * their own group (read/write latency beside cache and staleness), then the trade-off and history span the page.
 */
export function scenarioCharts(view: ScenarioView, ctx: ChartContext): ChartDef[] {
  if (view.ranked.length === 0) return [];
  const id = (kind: string) => `${view.slug}-${kind}`;
  const core = pairUp([
    throughput(view, id('throughput')),
    queries(view, id('queries')),
    latency(view, id('latency')),
    concurrency(view, id('concurrency')),
    fanout(view, id('fanout'), ctx.current),
    coldVsWarm(view, id('cold')),
  ]);
  const mixed = pairUp([
    readWriteLatency(view, id('read-write')),
    cacheAndStaleness(view, id('cache-stale')),
    replicaLag(view, id('replica-lag')),
  ]);
  const pairs = appSidePairs(view);
  const appSide = pairUp([appCpuChart(view, pairs, id('app-cpu')), ...parallelCharts(view, pairs, id)]);
  const wide = [readWriteTradeoff(view, id('tradeoff')), history(view, id('history'), ctx.runs, ctx.labels)]
    .filter((c): c is ChartDef => c !== null)
    .map((c) => ({ ...c, wide: true }));
  return [...core, ...mixed, ...appSide, ...wide];
}
