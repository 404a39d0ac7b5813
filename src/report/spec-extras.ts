// Charts that only some strategies have data for: replica lag under load, and cold-start latency next to the
// steady state. Each returns null when no ranked strategy carries the figures.
import { formatBytes, formatInt } from './format.ts';
import { lagRows } from './model-extras.ts';
import type { ScenarioView } from './model.ts';
import { AUTOSIZE, CONFIG, WIDTH, type ChartDef } from './spec-common.ts';
import { dumbbell } from './spec-dots.ts';

const ms = (v: number): string => (v < 10 ? v.toFixed(1) : v.toFixed(0)) + ' ms';

export function replicaLag(view: ScenarioView, id: string): ChartDef | null {
  const rows = lagRows(view);
  if (rows.length === 0) return null;
  const values = rows.flatMap((r) =>
    (
      [
        ['p50', r.msP50, r.bytesP50],
        ['p99', r.msP99, r.bytesP99],
      ] as const
    ).map(([percentile, lag, bytes]) => ({
      strategy: r.strategy,
      percentile,
      ms: lag,
      label: `${ms(lag)} · ${formatBytes(bytes)} behind`,
      samples: formatInt(r.samples),
    })),
  );
  // Each trial's own figures as dots over the median bars, as in the throughput chart: one bad trial stays visible.
  const trials = rows.flatMap((r) =>
    r.trials.flatMap((t) => [
      { strategy: r.strategy, percentile: 'p50', ms: t.msP50, trial: t.index, label: ms(t.msP50) },
      { strategy: r.strategy, percentile: 'p99', ms: t.msP99, trial: t.index, label: ms(t.msP99) },
    ]),
  );
  // Linear, not log: a replica that keeps up has a lag of exactly 0, which is the good news and must show.
  const max = Math.max(...values.map((v) => v.ms), ...trials.map((t) => t.ms), 1);
  return {
    id,
    title: 'Replica lag under load',
    caption:
      'How far the streaming replica was behind the primary while the strategy ran. Bars: p50 and p99 of each ' +
      "trial's samples, median across trials, in time and WAL bytes; dots: each trial. A read on the replica can " +
      'miss any write younger than this.',
    spec: {
      config: CONFIG,
      width: WIDTH,
      autosize: AUTOSIZE,
      height: Math.max(46 * rows.length, 80),
      encoding: {
        y: { field: 'strategy', type: 'nominal', sort: rows.map((r) => r.strategy), title: null, scale: { paddingInner: 0.25 } },
        yOffset: { field: 'percentile', type: 'nominal', sort: ['p50', 'p99'] },
        x: {
          field: 'ms',
          type: 'quantitative',
          title: 'replica lag (ms)',
          // Room for the label after the longest bar.
          scale: { domain: [0, max * 1.6], nice: false },
          axis: { tickCount: 5 },
        },
      },
      layer: [
        {
          data: { values },
          mark: { type: 'bar' },
          encoding: {
            color: {
              field: 'percentile',
              type: 'nominal',
              title: null,
              scale: { domain: ['p50', 'p99'], range: ['#9ecae9', '#3a7fc1'] },
              legend: { orient: 'top', direction: 'horizontal' },
            },
            tooltip: [
              { field: 'strategy' },
              { field: 'percentile' },
              { field: 'label', title: 'lag' },
              { field: 'samples', title: 'samples' },
            ],
          },
        },
        // The median's label at the end of its bar, outlined in white; trial dots drawn last, so none hides behind it.
        {
          data: { values },
          mark: { type: 'text', align: 'left', dx: 6, fontSize: 10.5, stroke: '#fff', strokeWidth: 3, strokeOpacity: 0.9 },
          encoding: { text: { field: 'label' } },
        },
        {
          data: { values },
          mark: { type: 'text', align: 'left', dx: 6, fontSize: 10.5, color: '#1f2328' },
          encoding: { text: { field: 'label' } },
        },
        {
          data: { values: trials },
          mark: { type: 'point', filled: true, size: 22, color: '#1f2328', opacity: 0.75 },
          encoding: { tooltip: [{ field: 'strategy' }, { field: 'trial' }, { field: 'percentile' }, { field: 'label', title: 'lag' }] },
        },
      ],
    },
  };
}

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
