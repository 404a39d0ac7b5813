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
import { variantTradeoff } from './variants.ts';
import { poolingTime, poolingTradeoff } from './pooling.ts';
import { cacheServersChart } from './cache-servers.ts';
import { cacheComparison } from '../model/cache-servers.ts';
import { throughputVsStaleness } from './freshness.ts';
import { bulkTradeoff } from './bulk.ts';
import { isWriteOnly } from '../model/bulk.ts';

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
  const writeOnly = isWriteOnly(view);
  const core = pairUp([
    throughput(view, id('throughput')),
    queries(view, id('queries')),
    latency(view, id('latency')),
    concurrency(view, id('concurrency')),
    fanout(view, id('fanout'), ctx.current),
    // Cold requests are reads; a write-only load's steady state is writes: no like-for-like comparison.
    writeOnly ? null : coldVsWarm(view, id('cold')),
  ]);
  const mixed = writeOnly
    ? []
    : pairUp([readWriteLatency(view, id('read-write')), cacheAndStaleness(view, id('cache-stale')), replicaLag(view, id('replica-lag'))]);
  const pairs = appSidePairs(view);
  const appSide = pairUp([appCpuChart(view, pairs, id('app-cpu')), ...parallelCharts(view, pairs, id)]);
  // Database variants: reads against WAL per write and against write latency, per strategy and variant.
  const variants = pairUp([variantTradeoff(view, id('variants-wal'), 'wal'), variantTradeoff(view, id('variants-latency'), 'latency')]);
  const tradeoff = view.scenario.dbVariants ? null : writeOnly ? bulkTradeoff(view, id('bulk')) : readWriteTradeoff(view, id('tradeoff'));
  const wide = [
    poolingTradeoff(view, id('pooling')),
    poolingTime(view, id('pooling-time')),
    tradeoff,
    cacheServersChart(cacheComparison(view), id('cache-servers')),
    throughputVsStaleness(view, id('staleness')),
    history(view, id('history'), ctx.runs, ctx.labels),
  ]
    .filter((c): c is ChartDef => c !== null)
    .map((c) => ({ ...c, wide: true }));
  return [...core, ...mixed, ...appSide, ...variants, ...wide];
}
