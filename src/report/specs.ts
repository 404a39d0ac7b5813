// Vega-lite specs for one scenario. Each chart carries its data inline (the page has no loader and no network);
// every figure also appears in a table or tooltip with the same formatting, so a chart is never the only evidence.
import type { TopLevelSpec } from 'vega-lite';
import type { Result } from '../results/schema.ts';
import { formatQueries, formatRps, formatUs } from './format.ts';
import { levelAt, type ScenarioView } from './model.ts';

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
const WIDTH = 'container';
/**
 * Bar charts get 28 px per strategy. A numeric height rather than vega-lite's `{ step }`: with a container width,
 * a step height makes vega-lite warn that it drops fit-y.
 */
const barsHeight = (n: number): number => 28 * Math.max(n, 1);

/** Fit the width only: bar charts take their height from the number of strategies (a step per bar). */
const AUTOSIZE = { type: 'fit-x', contains: 'padding' } as const;

/** Shared look: the page font, light grids, no frame; long strategy names are cut with an ellipsis, not overlapped. */
const CONFIG = {
  font: FONT,
  view: { stroke: null },
  axis: { labelFontSize: 11, titleFontSize: 11, titleFontWeight: 600, gridColor: '#e6e8eb', domainColor: '#9aa0a6' },
  axisY: { labelLimit: 180 },
  legend: { labelFontSize: 11, titleFontSize: 11, labelLimit: 180, orient: 'bottom', direction: 'horizontal', columns: 3, symbolOpacity: 1 },
} as const;

/** Axis labels in µs or ms, like the tables (the data stays in µs so log ticks fall on round numbers). */
const US_LABELS = "datum.value >= 1000 ? format(datum.value / 1000, ',~r') + ' ms' : format(datum.value, ',~r') + ' µs'";

const PERCENTILES = [
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
function colorFor(view: ScenarioView, extra: readonly string[] = []) {
  const ranked = view.ranked.map((r) => r.strategy.strategy);
  const domain = [...ranked, ...extra.filter((n) => !ranked.includes(n))];
  return { field: 'strategy', type: 'nominal', title: 'strategy', scale: { domain, scheme: 'tableau10' } } as const;
}

/** Readable ticks for a symlog axis: 0, 1, 2, 5, 10, 20, 50 … up to the first one at or above `max`. */
export function symlogTicks(max: number): number[] {
  const ticks = [0];
  for (let decade = 1; ticks[ticks.length - 1]! < max; decade *= 10) {
    for (const m of [1, 2, 5]) {
      ticks.push(m * decade);
      if (m * decade >= max) break;
    }
  }
  return ticks;
}

function throughput(view: ScenarioView, id: string): ChartDef {
  const order = view.ranked.map((r) => r.strategy.strategy);
  const y = { field: 'strategy', type: 'nominal', sort: order, title: null } as const;
  const summaries = view.ranked.map((r) => ({
    strategy: r.strategy.strategy,
    median: r.level.summary.rps.estimate,
    low: r.level.summary.rps.low,
    high: r.level.summary.rps.high,
    label: `${formatRps(r.level.summary.rps.estimate)} req/s (CI ${formatRps(r.level.summary.rps.low)}–${formatRps(r.level.summary.rps.high)})`,
  }));
  const trials = view.ranked.flatMap((r) =>
    r.level.trials.map((t) => ({ strategy: r.strategy.strategy, trial: t.index, rps: t.rps, label: formatRps(t.rps) })),
  );
  return {
    id,
    title: `Throughput at ${view.connections ?? '?'} connections`,
    caption:
      'Bars: median req/s across trials. Black whiskers: bootstrap 95 % CI of the median. Dots: each trial, so ' +
      'a wide spread is visible rather than averaged away.',
    spec: {
      config: CONFIG,
      width: WIDTH,
      autosize: AUTOSIZE,
      height: barsHeight(view.ranked.length),
      layer: [
        {
          data: { values: summaries },
          mark: { type: 'bar', color: '#a8c5e6', height: { band: 0.7 } },
          encoding: {
            y,
            x: { field: 'median', type: 'quantitative', title: 'requests per second' },
            tooltip: [{ field: 'strategy' }, { field: 'label', title: 'median' }],
          },
        },
        {
          data: { values: summaries },
          mark: { type: 'rule', color: '#1f2328', strokeWidth: 2 },
          encoding: { y, x: { field: 'low', type: 'quantitative' }, x2: { field: 'high' } },
        },
        {
          data: { values: summaries.flatMap((d) => [{ strategy: d.strategy, end: d.low }, { strategy: d.strategy, end: d.high }]) },
          mark: { type: 'tick', color: '#1f2328', thickness: 2, size: 12, orient: 'vertical' },
          encoding: { y, x: { field: 'end', type: 'quantitative' } },
        },
        {
          data: { values: trials },
          // Trials sit just above the bar's centre line, so they never hide the CI whisker drawn along it.
          mark: { type: 'point', filled: true, size: 30, color: '#2b5d95', opacity: 0.9, yOffset: -6 },
          encoding: {
            y,
            x: { field: 'rps', type: 'quantitative' },
            tooltip: [{ field: 'strategy' }, { field: 'trial' }, { field: 'label', title: 'req/s' }],
          },
        },
      ],
    },
  };
}

function latency(view: ScenarioView, id: string): ChartDef {
  const values = view.ranked.flatMap((r) =>
    PERCENTILES.map(([key, name]) => {
      // A log scale cannot show 0; a latency below 1 µs is measurement noise, so clamp for drawing only.
      const us = Math.max(r.level.summary.latencyUs[key], 1);
      return { strategy: r.strategy.strategy, percentile: name, us, label: formatUs(r.level.summary.latencyUs[key]) };
    }),
  );
  return {
    id,
    title: 'Latency percentile spectrum',
    caption:
      'Latency at each percentile of all trials merged (log scale). Parallel lines mean a constant factor; a line ' +
      'that bends up at p99 and beyond shows tail latency (queueing, GC, pool waits).',
    spec: {
      config: CONFIG,
      width: WIDTH,
      autosize: AUTOSIZE,
      height: 240,
      data: { values },
      mark: { type: 'line', point: { filled: true, size: 40 }, strokeWidth: 2 },
      encoding: {
        x: { field: 'percentile', type: 'ordinal', sort: PERCENTILES.map(([, n]) => n), title: 'percentile', axis: { labelAngle: 0 } },
        y: { field: 'us', type: 'quantitative', scale: { type: 'log' }, title: 'latency (log scale)', axis: { labelExpr: US_LABELS } },
        color: colorFor(view),
        tooltip: [{ field: 'strategy' }, { field: 'percentile' }, { field: 'label', title: 'latency' }],
      },
    },
  };
}

function queries(view: ScenarioView, id: string): ChartDef | null {
  const rows = view.ranked.filter((r) => r.queries !== null);
  if (rows.length === 0) return null;
  const values = rows.map((r) => ({ strategy: r.strategy.strategy, queries: r.queries, label: formatQueries(r.queries) }));
  const y = { field: 'strategy', type: 'nominal', sort: view.ranked.map((r) => r.strategy.strategy), title: null } as const;
  // symlog rather than log: a cache hit issues 0 queries, which a log scale cannot place; symlog is linear near 0.
  // Explicit 1-2-5 ticks: symlog's own ticks are linear-looking fractions (0.2, 0.4 …) for small counts.
  const ticks = symlogTicks(Math.max(...rows.map((r) => r.queries ?? 0), 1));
  const x = {
    field: 'queries', type: 'quantitative' as const, title: 'queries per request (symlog scale)',
    scale: { type: 'symlog' as const, constant: 1, domain: [0, ticks[ticks.length - 1] ?? 1], nice: false },
    axis: { values: ticks, format: ',d' },
  };
  return {
    id,
    title: 'Database round trips per request',
    caption:
      'Median SQL statements or Mongo commands per request, counted by the server. The N+1 picture: naive ' +
      'strategies grow with the data, joins and embedded documents stay constant.',
    spec: {
      config: CONFIG,
      width: WIDTH,
      autosize: AUTOSIZE,
      height: barsHeight(rows.length),
      data: { values },
      encoding: { y, x },
      layer: [
        { mark: { type: 'bar', height: { band: 0.7 } }, encoding: { color: { ...colorFor(view), legend: null } } },
        { mark: { type: 'text', align: 'left', dx: 4, fontSize: 11 }, encoding: { text: { field: 'label' } } },
      ],
    },
  };
}

function concurrency(view: ScenarioView, id: string): ChartDef | null {
  if (!view.ranked.some((r) => r.strategy.levels.length > 1)) return null;
  const values = view.ranked.flatMap((r) =>
    r.strategy.levels.flatMap((l) => [
      { strategy: r.strategy.strategy, connections: l.connections, metric: 'p50', value: Math.max(l.summary.latencyUs.p50, 1), label: formatUs(l.summary.latencyUs.p50) },
      { strategy: r.strategy.strategy, connections: l.connections, metric: 'p99', value: Math.max(l.summary.latencyUs.p99, 1), label: formatUs(l.summary.latencyUs.p99) },
    ]),
  );
  const x = { field: 'connections', type: 'ordinal', title: 'concurrent connections', axis: { labelAngle: 0 } } as const;
  return {
    id,
    title: 'Latency vs concurrency',
    caption:
      'p50 (solid) and p99 (dashed) latency at each closed-loop concurrency level. Latency rising in step with ' +
      'connections means the strategy is saturated: more clients only queue.',
    spec: {
      config: CONFIG,
      width: WIDTH,
      autosize: AUTOSIZE,
      height: 240,
      data: { values },
      mark: { type: 'line', point: { filled: true, size: 36 }, strokeWidth: 2 },
      encoding: {
        x,
        y: { field: 'value', type: 'quantitative', scale: { type: 'log' }, title: 'latency (log scale)', axis: { labelExpr: US_LABELS } },
        color: colorFor(view),
        strokeDash: { field: 'metric', type: 'nominal', title: 'percentile', sort: ['p50', 'p99'] },
        tooltip: [{ field: 'strategy' }, { field: 'connections' }, { field: 'metric', title: 'percentile' }, { field: 'label', title: 'latency' }],
      },
    },
  };
}

function history(view: ScenarioView, id: string, runs: readonly Result[], labels: readonly string[]): ChartDef | null {
  if (runs.length < 2) return null;
  const values = runs.flatMap((run, i) => {
    const scenario = run.scenarios.find((s) => s.name === view.scenario.name);
    return (scenario?.strategies ?? []).flatMap((s) => {
      if (s.status !== 'completed' || s.degraded !== null) return [];
      const level = levelAt(s, view.connections);
      if (!level) return [];
      const rps = level.summary.rps;
      return [{
        run: labels[i] ?? run.runId, strategy: s.strategy, rps: rps.estimate, low: rps.low, high: rps.high,
        label: `${formatRps(rps.estimate)} req/s (CI ${formatRps(rps.low)}–${formatRps(rps.high)}) at ${level.connections} conn.`,
        subject: run.git.subject ?? '',
      }];
    });
  });
  if (values.length === 0) return null;
  const x = { field: 'run', type: 'ordinal', sort: [...labels], title: 'run (commit, time)', axis: { labelAngle: -30 } } as const;
  return {
    id,
    title: 'History across commits',
    caption:
      'Median req/s of each strategy in each run, oldest left, this run right; vertical bars are 95 % CIs. Runs on ' +
      'different machines or profiles are not comparable: check the runs table in the environment section.',
    spec: {
      config: CONFIG,
      width: WIDTH,
      autosize: AUTOSIZE,
      height: 240,
      data: { values },
      encoding: { x, color: colorFor(view, values.map((v) => v.strategy)) },
      layer: [
        { mark: { type: 'rule', opacity: 0.45, strokeWidth: 2 }, encoding: { y: { field: 'low', type: 'quantitative' }, y2: { field: 'high' } } },
        {
          mark: { type: 'line', point: { filled: true, size: 40 }, strokeWidth: 2 },
          encoding: {
            y: { field: 'rps', type: 'quantitative', title: 'requests per second' },
            tooltip: [{ field: 'strategy' }, { field: 'run' }, { field: 'subject', title: 'commit' }, { field: 'label', title: 'median' }],
          },
        },
      ],
    },
  };
}

/**
 * The charts of one scenario, in page order, left out when meaningless. Layout: the two bar charts side by side
 * (same strategies, same order, same height, so a slow bar sits next to its query count), then the two latency
 * charts, then history across the full width. A chart without its partner takes the full width.
 */
export function scenarioCharts(view: ScenarioView, runs: readonly Result[], labels: readonly string[]): ChartDef[] {
  if (view.ranked.length === 0) return [];
  const id = (kind: string) => `${view.slug}-${kind}`;
  const pairs: Array<[ChartDef | null, ChartDef | null]> = [
    [throughput(view, id('throughput')), queries(view, id('queries'))],
    [latency(view, id('latency')), concurrency(view, id('concurrency'))],
    [history(view, id('history'), runs, labels), null],
  ];
  return pairs.flatMap(([a, b]) => {
    const present = [a, b].filter((c): c is ChartDef => c !== null);
    return present.map((c) => ({ ...c, wide: present.length === 1 }));
  });
}
