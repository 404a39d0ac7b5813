// A paired dot plot ("dumbbell"): for each strategy, two series (read/write, steady/cold) at p50 and p99 on a log
// latency axis, joined by a line, with the second series' multiple of the first written beside the pair. Bars would
// need a zero that a log scale does not have; two dots and a line show both the levels and the gap.
import { formatRatio, formatUs } from '../format.ts';
import type { ScenarioView } from '../model/scenario.ts';
import { AUTOSIZE, CONFIG, usLogAxis, WIDTH, type ChartDef } from './common.ts';

export interface DotPairRow {
  strategy: string;
  /** [first series, second series], µs. */
  p50: readonly [number, number];
  p99: readonly [number, number];
}

export interface DumbbellOptions {
  id: string;
  title: string;
  caption: string;
  /** Names of the two series, e.g. ['read', 'write']; the label beside each pair is second / first. */
  series: readonly [string, string];
  colors: readonly [string, string];
  axisTitle: string;
  rows: readonly DotPairRow[];
}

const PCTS = ['p50', 'p99'] as const;

export function dumbbell(view: ScenarioView, o: DumbbellOptions): ChartDef {
  const order = view.ranked.map((r) => r.strategy.strategy).filter((s) => o.rows.some((r) => r.strategy === s));
  const clamp = (us: number) => Math.max(us, 1);
  const points = o.rows.flatMap((r) =>
    PCTS.flatMap((p) =>
      r[p].map((us, i) => ({ strategy: r.strategy, percentile: p, series: o.series[i], us: clamp(us), label: formatUs(us) })),
    ),
  );
  const pairs = o.rows.flatMap((r) =>
    PCTS.map((p) => {
      const [a, b] = r[p];
      return {
        strategy: r.strategy,
        percentile: p,
        lo: clamp(Math.min(a, b)),
        hi: clamp(Math.max(a, b)),
        ratio: a > 0 ? `${formatRatio(b / a)}` : '',
      };
    }),
  );
  // Room on the right for the multiple written after the rightmost dot.
  const axis = usLogAxis([...points.map((p) => p.us), Math.max(...points.map((p) => p.us)) * 2.2], o.axisTitle);
  // 1-2-5 ticks over several decades crowd a half-width chart: drop labels that would touch.
  const x = { ...axis, axis: { ...axis.axis, labelOverlap: 'greedy' as const, labelSeparation: 6 } };
  const y = { field: 'strategy', type: 'nominal', sort: order, title: null, scale: { paddingInner: 0.25 } } as const;
  const yOffset = { field: 'percentile', type: 'nominal', sort: [...PCTS], scale: { paddingOuter: 0.3 } } as const;
  return {
    id: o.id,
    title: o.title,
    caption: o.caption,
    spec: {
      config: CONFIG,
      width: WIDTH,
      autosize: AUTOSIZE,
      height: 46 * Math.max(order.length, 1),
      layer: [
        {
          data: { values: pairs },
          mark: { type: 'rule', color: '#9aa0a6', strokeWidth: 2 },
          encoding: { y, yOffset, x: { field: 'lo', ...x }, x2: { field: 'hi' } },
        },
        {
          data: { values: pairs },
          mark: { type: 'text', align: 'left', dx: 9, fontSize: 10.5, color: '#59636e' },
          encoding: { y, yOffset, x: { field: 'hi', ...x }, text: { field: 'ratio' } },
        },
        {
          data: { values: points },
          mark: { type: 'point', filled: true, size: 60, opacity: 1 },
          encoding: {
            y,
            yOffset,
            x: { field: 'us', ...x },
            color: {
              field: 'series',
              type: 'nominal',
              title: null,
              scale: { domain: [...o.series], range: [...o.colors] },
              legend: { orient: 'top', direction: 'horizontal' },
            },
            shape: {
              field: 'percentile',
              type: 'nominal',
              title: null,
              sort: [...PCTS],
              scale: { domain: [...PCTS], range: ['circle', 'square'] },
              legend: { orient: 'top', direction: 'horizontal', symbolFillColor: '#59636e', symbolStrokeColor: '#59636e' },
            },
            tooltip: [{ field: 'strategy' }, { field: 'series' }, { field: 'percentile' }, { field: 'label', title: 'latency' }],
          },
        },
      ],
    },
  };
}
