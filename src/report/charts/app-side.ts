// The application side's charts: app CPU per request of each strategy beside the one issuing the same queries
// (GraphQL's own execution cost, the price of parallel awaits), and how the parallel N+1 behaves as concurrency grows,
// next to the sequential N+1 and the join (where it helps at low load and where the pool makes it hurt).
import { formatRps, formatUs } from '../format.ts';
import type { AppSidePair } from '../model/app-side.ts';
import { levelAt, type RankedRow, type ScenarioView } from '../model/scenario.ts';
import { AUTOSIZE, barsHeight, CONFIG, colorFor, usLogAxis, WIDTH, type ChartDef } from './common.ts';

export function appCpuChart(view: ScenarioView, pairs: readonly AppSidePair[], id: string): ChartDef | null {
  const rows: Array<{ strategy: string; median: number; low: number; high: number; label: string; pair: string }> = [];
  for (const p of pairs) {
    for (const [row, cpu] of [
      [p.twin, p.twinCpu],
      [p.strategy, p.cpu],
    ] as const) {
      if (!cpu || rows.some((r) => r.strategy === row.strategy.strategy)) continue;
      rows.push({
        strategy: row.strategy.strategy,
        median: cpu.estimate,
        low: cpu.low,
        high: cpu.high,
        label: `${formatUs(cpu.estimate)} per request (CI ${formatUs(cpu.low)}–${formatUs(cpu.high)})`,
        pair: `${p.strategy.strategy.strategy} vs ${p.twin.strategy.strategy}`,
      });
    }
  }
  if (rows.length === 0) return null;
  const y = { field: 'strategy', type: 'nominal', sort: rows.map((r) => r.strategy), title: null } as const;
  const x = { field: 'median', type: 'quantitative', title: 'app CPU per request (µs)', axis: { tickCount: 5 } } as const;
  return {
    id,
    title: 'App CPU per request, against the strategy issuing the same queries',
    caption:
      'Median CPU time of the strategy server per request across trials, with the interval of the median (whiskers). ' +
      'Each strategy sits below its twin: the gap is work the application adds for the same queries (GraphQL ' +
      'execution; scheduling many concurrent queries).',
    spec: {
      config: CONFIG,
      width: WIDTH,
      autosize: AUTOSIZE,
      height: barsHeight(rows.length),
      data: { values: rows },
      layer: [
        {
          mark: { type: 'bar', height: { band: 0.7 } },
          encoding: {
            y,
            x,
            color: { ...colorFor(view), legend: null },
            tooltip: [{ field: 'strategy' }, { field: 'pair' }, { field: 'label' }],
          },
        },
        {
          mark: { type: 'rule', color: '#1f2328', strokeWidth: 2 },
          encoding: { y, x: { field: 'low', type: 'quantitative' }, x2: { field: 'high' } },
        },
      ],
    },
  };
}

/** The parallel strategies, their sequential twins and the reference (the join): the rows of the concurrency charts. */
function parallelSet(view: ScenarioView, pairs: readonly AppSidePair[]): RankedRow[] {
  const names = new Set<string>();
  for (const p of pairs.filter((x) => x.kind === 'parallel')) names.add(p.strategy.strategy.strategy).add(p.twin.strategy.strategy);
  if (names.size > 0) names.add(view.scenario.reference);
  return view.ranked.filter((r) => names.has(r.strategy.strategy) && r.strategy.levels.length > 1);
}

/** Throughput and p50 latency against concurrency for the parallel set: null unless the run swept concurrency. */
export function parallelCharts(view: ScenarioView, pairs: readonly AppSidePair[], id: (kind: string) => string): ChartDef[] {
  const rows = parallelSet(view, pairs);
  if (rows.length < 2) return [];
  const levels = [...new Set(rows.flatMap((r) => r.strategy.levels.map((l) => l.connections)))].sort((a, b) => a - b);
  const points = rows.flatMap((r) =>
    levels.flatMap((c) => {
      const l = levelAt(r.strategy, c);
      if (!l || l.connections !== c) return [];
      const s = l.summary;
      return [
        {
          strategy: r.strategy.strategy,
          connections: c,
          rps: s.rps.estimate,
          low: s.rps.low,
          high: s.rps.high,
          p50: Math.max(s.latencyUs.p50, 1),
          label: `${formatRps(s.rps.estimate)} req/s, p50 ${formatUs(s.latencyUs.p50)}`,
        },
      ];
    }),
  );
  const x = { field: 'connections', type: 'ordinal', title: 'concurrent connections', axis: { labelAngle: 0 } } as const;
  const tooltip = [{ field: 'strategy' }, { field: 'connections' }, { field: 'label', title: 'figures' }];
  const base = { config: CONFIG, width: WIDTH, autosize: AUTOSIZE, height: 240, data: { values: points } } as const;
  return [
    {
      id: id('parallel-rps'),
      title: 'Parallel awaits: throughput against concurrency',
      caption:
        'Median req/s at each closed-loop concurrency (log scale), with its interval, for the parallel N+1, the sequential N+1 it ' +
        'parallelizes and the reference. Parallel awaits do not remove a query: where the lines meet or cross, the pool ' +
        'and the database, not waiting, are the limit.',
      spec: {
        ...base,
        encoding: {
          x,
          y: { field: 'rps', type: 'quantitative', title: 'requests per second (log scale)', scale: { type: 'log' } },
          color: colorFor(view),
          tooltip,
        },
        layer: [
          { mark: { type: 'line', strokeWidth: 2, point: { filled: true, size: 40 } } },
          { mark: { type: 'rule', strokeWidth: 1.5 }, encoding: { y: { field: 'low', type: 'quantitative' }, y2: { field: 'high' } } },
        ],
      },
    },
    {
      id: id('parallel-latency'),
      title: 'Parallel awaits: p50 latency against concurrency',
      caption:
        'p50 latency (log scale). At one connection the parallel N+1 waits for its longest chain of round trips rather ' +
        'than their sum; as connections grow, each request holds several pooled connections and requests queue for them.',
      spec: {
        ...base,
        mark: { type: 'line', strokeWidth: 2, point: { filled: true, size: 40 } },
        encoding: {
          x,
          y: {
            field: 'p50',
            ...usLogAxis(
              points.map((p) => p.p50),
              'p50 latency (log scale)',
            ),
          },
          color: colorFor(view),
          tooltip,
        },
      },
    },
  ];
}
