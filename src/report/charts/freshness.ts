// Read throughput against staleness under a mixed load: where a materialized view refreshed on a schedule lands
// beside a read model kept current by its writes, caches invalidated on write and the summary computed per read.
import { formatBytes, formatPercent, formatRps, formatUs } from '../format.ts';
import { freshnessRows, staleRatio } from '../model/freshness.ts';
import type { ScenarioView } from '../model/scenario.ts';
import { AUTOSIZE, CONFIG, colorFor, WIDTH, type ChartDef } from './common.ts';
import { spreadLabels } from './mixed.ts';

export function throughputVsStaleness(view: ScenarioView, id: string): ChartDef | null {
  const rows = freshnessRows(view).filter((r) => staleRatio(r) !== null);
  if (rows.length < 2) return null;
  const values = rows.map((r) => {
    const refresh = r.refresh?.msPerRefresh
      ? ` · refresh ${formatUs(r.refresh.msPerRefresh * 1000)}, ${formatBytes(r.refresh.walBytesPerRefresh)} WAL, ${r.refresh.perSecond.toFixed(2)}/s`
      : '';
    return {
      strategy: r.strategy,
      stale: staleRatio(r) ?? 0,
      rps: r.rps,
      low: r.rpsLow,
      high: r.rpsHigh,
      name: r.strategy + refresh,
      staleLabel: `${r.staleReads} / ${r.staleChecks} (${formatPercent(staleRatio(r) ?? 0)})`,
      ageLabel: r.ageP50Ms === null ? 'none' : `p50 ${formatUs(r.ageP50Ms * 1000)}, max ${formatUs((r.ageMaxMs ?? 0) * 1000)}`,
      rpsLabel: `${formatRps(r.rps)} (${formatRps(r.rpsLow)}–${formatRps(r.rpsHigh)})`,
    };
  });
  const top = Math.max(...values.map((v) => v.high)) * 1.15;
  const HEIGHT = 260;
  const labelYs = spreadLabels(
    values.map((v) => v.rps),
    (14 * top) / HEIGHT,
    0,
    top,
  );
  const labelled = values.map((v, i) => ({ ...v, labelY: labelYs[i] ?? v.rps }));
  const x = {
    field: 'stale',
    type: 'quantitative' as const,
    title: 'stale reads of just-written items → staler',
    // Room on the right for the labels written after the points.
    scale: { domain: [0, 1.6] as [number, number], nice: false },
    axis: { format: '.0%', values: [0, 0.2, 0.4, 0.6, 0.8, 1] },
  };
  const y = {
    field: 'rps',
    type: 'quantitative' as const,
    title: 'req/s (median, interval)',
    scale: { domain: [0, top] as [number, number], nice: false },
    axis: { tickCount: 5, format: ',d' },
  };
  const text = { type: 'text' as const, align: 'left' as const, baseline: 'middle' as const, dx: 9, fontSize: 11 };
  return {
    id,
    title: 'Read throughput against staleness',
    caption:
      'Each strategy’s median req/s under the mixed load (bar: its interval) against the share of probed reads of ' +
      'just-written items that did not show the write yet. Labels give what a scheduled refresh costs: its mean time, ' +
      'the WAL written while it ran (concurrent writes included) and refreshes per second. A materialized view buys ' +
      'its reads with staleness up to one interval plus one refresh; a read model kept by the write path pays on writes.',
    spec: {
      config: CONFIG,
      width: WIDTH,
      autosize: AUTOSIZE,
      height: HEIGHT,
      data: { values: labelled },
      encoding: { x, y },
      layer: [
        {
          mark: { type: 'rule', strokeWidth: 2 },
          encoding: { y: { ...y, field: 'low' }, y2: { field: 'high' }, color: { ...colorFor(view), legend: null } },
        },
        {
          mark: { type: 'point', filled: true, size: 90, opacity: 1 },
          encoding: {
            color: { ...colorFor(view), legend: null },
            tooltip: [
              { field: 'strategy' },
              { field: 'rpsLabel', title: 'req/s' },
              { field: 'staleLabel', title: 'stale reads' },
              { field: 'ageLabel', title: 'stale age' },
            ],
          },
        },
        {
          mark: { ...text, stroke: '#fff', strokeWidth: 3, strokeOpacity: 0.9 },
          encoding: { y: { ...y, field: 'labelY' }, text: { field: 'name' } },
        },
        { mark: text, encoding: { y: { ...y, field: 'labelY' }, text: { field: 'name' } } },
      ],
    },
  };
}
