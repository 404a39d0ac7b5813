// The bar charts of a scenario: throughput with its uncertainty, and database round trips per request.
// Both list the ranked strategies in rank order, so they read side by side.
import { formatQueries, formatRps } from '../format.ts';
import type { ScenarioView } from '../model/scenario.ts';
import { AUTOSIZE, barsHeight, CONFIG, colorFor, symlogTicks, WIDTH, type ChartDef } from './common.ts';

export function throughput(view: ScenarioView, id: string): ChartDef {
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
            x: {
              field: 'median',
              type: 'quantitative',
              title: 'requests per second',
              axis: { tickCount: 5, labelOverlap: 'greedy', labelFlush: true },
            },
            tooltip: [{ field: 'strategy' }, { field: 'label', title: 'median' }],
          },
        },
        {
          data: { values: summaries },
          mark: { type: 'rule', color: '#1f2328', strokeWidth: 2 },
          encoding: { y, x: { field: 'low', type: 'quantitative' }, x2: { field: 'high' } },
        },
        {
          data: {
            values: summaries.flatMap((d) => [
              { strategy: d.strategy, end: d.low },
              { strategy: d.strategy, end: d.high },
            ]),
          },
          mark: { type: 'tick', color: '#1f2328', thickness: 1.5, size: 8, orient: 'vertical' },
          encoding: { y, x: { field: 'end', type: 'quantitative' } },
        },
        {
          data: { values: trials },
          // Trials sit just above the bar's centre line, so they never hide the CI whisker drawn along it.
          mark: { type: 'point', filled: true, size: 26, color: '#2b5d95', opacity: 0.9, yOffset: -7 },
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

export function queries(view: ScenarioView, id: string): ChartDef | null {
  const rows = view.ranked.filter((r) => r.queries !== null);
  if (rows.length === 0) return null;
  const values = rows.map((r) => ({ strategy: r.strategy.strategy, queries: r.queries, label: formatQueries(r.queries) }));
  const y = { field: 'strategy', type: 'nominal', sort: view.ranked.map((r) => r.strategy.strategy), title: null } as const;
  // symlog rather than log: a cache hit issues 0 queries, which a log scale cannot place; symlog is linear near 0.
  // Explicit 1-2-5 ticks: symlog's own ticks are linear-looking fractions (0.2, 0.4 …) for small counts.
  const ticks = symlogTicks(Math.max(...rows.map((r) => r.queries ?? 0), 1));
  const x = {
    field: 'queries',
    type: 'quantitative' as const,
    title: 'queries per request (symlog scale)',
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
