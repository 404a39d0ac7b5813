// The charts of one scenario and how they are laid out on the page.
import type { Result } from '../results/schema.ts';
import type { ScenarioView } from './model.ts';
import { queries, throughput } from './spec-bars.ts';
import type { ChartDef } from './spec-common.ts';
import { concurrency, fanout, history, latency } from './spec-lines.ts';

export type { ChartDef } from './spec-common.ts';

export interface ChartContext {
  /** The run the page is about. */
  current: Result;
  /** All runs in chart order (the current one last) and their axis labels, for history. */
  runs: readonly Result[];
  labels: readonly string[];
}

/**
 * The charts of one scenario, in page order, left out when meaningless. Half-width charts are paired in order, so
 * throughput sits next to queries per request (same strategies, same order, same height: a slow bar is beside its
 * query count) and the latency charts pair up; an unpaired chart and history take the full width.
 */
export function scenarioCharts(view: ScenarioView, ctx: ChartContext): ChartDef[] {
  if (view.ranked.length === 0) return [];
  const id = (kind: string) => `${view.slug}-${kind}`;
  const halves = [
    throughput(view, id('throughput')),
    queries(view, id('queries')),
    latency(view, id('latency')),
    concurrency(view, id('concurrency')),
    fanout(view, id('fanout'), ctx.current),
  ].filter((c): c is ChartDef => c !== null);
  const laidOut = halves.map((c, i) => ({ ...c, wide: i === halves.length - 1 && i % 2 === 0 }));
  const trend = history(view, id('history'), ctx.runs, ctx.labels);
  return trend ? [...laidOut, { ...trend, wide: true }] : laidOut;
}
