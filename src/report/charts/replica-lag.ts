// Replica lag under load, for the strategies that read from the replica: p50 and p99 per strategy with each trial's
// own figures. Null when no ranked strategy carries the figures.
import { formatBytes, formatInt } from '../format.ts';
import { lagRows } from '../model/replica-lag.ts';
import type { ScenarioView } from '../model/scenario.ts';
import { AUTOSIZE, CONFIG, WIDTH, type ChartDef } from './common.ts';

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
