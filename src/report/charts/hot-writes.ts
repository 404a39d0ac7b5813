// Caches and read models under writes that hit what is read: per strategy, its cache hit ratio and its stale-read
// ratio under uniform writes and under writes that follow the reads (hot), at the same write rate.
import { formatInt, formatPercent } from '../format.ts';
import type { HotWritesGroup } from '../model/hot-writes.ts';
import { median } from '../model/scenario.ts';
import { AUTOSIZE, CONFIG, WIDTH, type ChartDef } from './common.ts';

const COLORS = { uniform: '#4c78a8', hot: '#e45756' } as const;

export function hotWritesChart(group: HotWritesGroup, id: string): ChartDef {
  const values = group.rows.flatMap((r) => {
    const hit = median(r.hitRatios);
    const stale = r.staleChecks > 0 ? r.staleReads / r.staleChecks : null;
    return [
      ...(hit === null ? [] : [{ row: `${r.strategy} · cache hits`, target: r.target, ratio: hit, label: formatPercent(hit) }]),
      {
        row: `${r.strategy} · stale reads`,
        target: r.target,
        ratio: stale ?? 0,
        label: stale === null ? 'not checked' : `${formatInt(r.staleReads)} / ${formatInt(r.staleChecks)} (${formatPercent(stale)})`,
      },
    ];
  });
  const order = [...new Set(values.map((v) => v.row))];
  return {
    id,
    wide: true,
    title: `Uniform vs hot writes: cache hits and stale reads (${group.route})`,
    caption:
      `${group.uniform} (writes uniform over all items) against ${group.hot} (writes on the items the reads hit), both at ` +
      `${group.writeRate} writes/s beside the reads. Cache hits: median across trials of hits / lookups. Stale reads: ` +
      'reads of just-written items that did not show the write yet, summed over trials.',
    spec: {
      config: { ...CONFIG, legend: { ...CONFIG.legend, columns: 2 } },
      width: WIDTH,
      autosize: AUTOSIZE,
      height: 40 * order.length,
      data: { values },
      encoding: {
        y: { field: 'row', type: 'nominal', sort: order, title: null, scale: { paddingInner: 0.25 } },
        yOffset: { field: 'target', type: 'nominal', sort: ['uniform', 'hot'] },
        x: {
          field: 'ratio',
          type: 'quantitative',
          title: 'share',
          scale: { domain: [0, 1.25], nice: false },
          axis: { format: '.0%', values: [0, 0.2, 0.4, 0.6, 0.8, 1] },
        },
      },
      layer: [
        {
          mark: { type: 'bar' },
          encoding: {
            color: {
              field: 'target',
              type: 'nominal',
              title: 'writes',
              scale: { domain: ['uniform', 'hot'], range: [COLORS.uniform, COLORS.hot] },
            },
            tooltip: [
              { field: 'row', title: 'strategy' },
              { field: 'target', title: 'writes' },
              { field: 'label', title: 'value' },
            ],
          },
        },
        { mark: { type: 'text', align: 'left', dx: 4, fontSize: 10.5, color: '#1f2328' }, encoding: { text: { field: 'label' } } },
      ],
    },
  };
}
