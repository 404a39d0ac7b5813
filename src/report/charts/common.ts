// What every chart of the report shares: the chart definition type, the look, colours, and axis helpers.
import type { TopLevelSpec } from 'vega-lite';
import type { ScenarioView } from '../model/scenario.ts';

export interface ChartDef {
  /** Unique in the page; the `data-chart` attribute of the chart's container. */
  id: string;
  title: string;
  /** How to read the chart, in words. */
  caption: string;
  /** Spans both columns of the chart grid. */
  wide?: boolean;
  spec: TopLevelSpec;
}

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';
/**
 * Charts take their container's width (half or all of the page, see `layout`), so long strategy names and legends
 * shrink the plot instead of overflowing the card.
 */
export const WIDTH = 'container';
/**
 * Bar charts get 28 px per strategy. A numeric height rather than vega-lite's `{ step }`: with a container width,
 * a step height makes vega-lite warn that it drops fit-y.
 */
export const barsHeight = (n: number): number => 28 * Math.max(n, 1);

/** Fit the width only: bar charts take their height from the number of strategies (a step per bar). */
export const AUTOSIZE = { type: 'fit-x', contains: 'padding' } as const;

/** Shared look: the page font, light grids, no frame; long strategy names are cut with an ellipsis, not overlapped. */
export const CONFIG = {
  font: FONT,
  view: { stroke: null },
  axis: { labelFontSize: 11, titleFontSize: 11, titleFontWeight: 600, gridColor: '#e6e8eb', domainColor: '#9aa0a6' },
  axisY: { labelLimit: 180 },
  legend: {
    labelFontSize: 11,
    titleFontSize: 11,
    labelLimit: 180,
    orient: 'bottom',
    direction: 'horizontal',
    columns: 3,
    symbolOpacity: 1,
  },
} as const;

/** Axis labels in µs or ms, like the tables (the data stays in µs so log ticks fall on round numbers). */
const US_LABELS = "datum.value >= 1000 ? format(datum.value / 1000, ',~r') + ' ms' : format(datum.value, ',~r') + ' µs'";

export const PERCENTILES = [
  ['p50', 'p50'],
  ['p90', 'p90'],
  ['p99', 'p99'],
  ['p999', 'p99.9'],
  ['max', 'max'],
] as const;

/**
 * Every strategy keeps one colour in every chart of its scenario: the domain starts with the ranked strategies in
 * rank order; history may append strategies that only older runs had. Unranked ones are left out of the legend.
 */
export function colorFor(view: ScenarioView, extra: readonly string[] = []) {
  const ranked = view.ranked.map((r) => r.strategy.strategy);
  const domain = [...ranked, ...extra.filter((n) => !ranked.includes(n))];
  return { field: 'strategy', type: 'nominal', title: 'strategy', scale: { domain, scheme: 'tableau10' } } as const;
}

/** Readable ticks for a symlog axis: 0, 1, 2, 5, 10, 20, 50 … up to the first one at or above `max`. */
export function symlogTicks(max: number): number[] {
  const ticks = [0];
  for (let decade = 1; ticks.length === 1 || ticks[ticks.length - 1]! < max; decade *= 10) {
    for (const m of [1, 2, 5]) {
      ticks.push(m * decade);
      if (m * decade >= max) break;
    }
  }
  return ticks;
}

/**
 * Ticks for a log axis: 1-2-5 steps bracketing [min, max] (only powers of ten over more than three decades).
 * Vega's own log ticks label 1, 2, 3 … 9 in every decade, which crowds a 240 px chart into an unreadable column.
 */
export function logTicks(min: number, max: number): number[] {
  const lo = Math.max(min, 1e-9);
  const hi = Math.max(max, lo);
  const steps = Math.log10(hi / lo) > 3 ? [1] : [1, 2, 5];
  const all: number[] = [];
  for (let e = Math.floor(Math.log10(lo)) - 1; e <= Math.ceil(Math.log10(hi)) + 1; e++) {
    for (const m of steps) all.push(Number((m * 10 ** e).toPrecision(12)));
  }
  // The tick just below the lowest value, so no point sits on the axis line; the first at or above the highest.
  const first = Math.max(
    all.findLastIndex((v) => v < lo),
    0,
  );
  const last = all.findIndex((v) => v >= hi);
  return all.slice(first, Math.max(last, first + 1) + 1);
}

/** A log-scale µs axis for `values`: fixed 1-2-5 ticks and a domain that ends on them. */
export function usLogAxis(values: readonly number[], title: string) {
  const ticks = logTicks(Math.min(...values), Math.max(...values));
  const domain: [number, number] = [ticks[0] ?? 1, ticks[ticks.length - 1] ?? 10];
  return {
    type: 'quantitative' as const,
    title,
    scale: { type: 'log' as const, domain, nice: false },
    axis: { values: ticks, labelExpr: US_LABELS },
  };
}
