// The trade-off of database variants (e.g. indexes): each contender's reads per second against what its writes cost —
// WAL bytes per write, and write latency — one point per strategy and variant, so "faster reads, costlier writes"
// is read off the positions: up is faster reads, right is costlier writes.
import { formatBytes, formatRps, formatUs } from '../format.ts';
import { variantGroups, variantNames } from '../model/variants.ts';
import type { ScenarioView } from '../model/scenario.ts';
import { AUTOSIZE, CONFIG, WIDTH, type ChartDef } from './common.ts';

type Axis = 'wal' | 'latency';

const AXES: Record<Axis, { field: string; title: string; format: (v: number) => string }> = {
  wal: { field: 'wal', title: 'WAL bytes per write → costlier writes', format: formatBytes },
  latency: { field: 'writeP50Ms', title: 'write p50 latency, ms → costlier writes', format: (ms) => formatUs(ms * 1000) },
};

export function variantTradeoff(view: ScenarioView, id: string, axis: Axis): ChartDef | null {
  const rows = variantGroups(view).flatMap((g) => g.rows);
  const values = rows.flatMap((r) => {
    const m = r.mixed;
    const x = axis === 'wal' ? m?.walPerWrite : m ? m.writeP50Us / 1000 : null;
    if (!m || x === null || x === undefined) return [];
    // The req/s interval scaled to reads: every trial of every contender replays the same request list.
    const rps = r.row.level.summary.rps;
    const share = rps.estimate > 0 ? m.readRps / rps.estimate : 0;
    return [
      {
        contender: r.contender,
        strategy: r.strategy,
        variant: r.variant,
        readRps: m.readRps,
        readLow: rps.low * share,
        readHigh: rps.high * share,
        [AXES[axis].field]: x,
        xLabel: AXES[axis].format(x),
        readLabel: `${formatRps(m.readRps)} reads/s (${formatRps(rps.low * share)}–${formatRps(rps.high * share)})`,
      },
    ];
  });
  if (values.length < 2) return null;
  const top = Math.max(...values.map((v) => v.readHigh)) * 1.1;
  const right = Math.max(...values.map((v) => v[AXES[axis].field] as number)) * 1.25;
  const x = { field: AXES[axis].field, type: 'quantitative' as const, title: AXES[axis].title, scale: { domain: [0, right], nice: false } };
  const y = { field: 'readRps', type: 'quantitative' as const, title: 'reads per second', scale: { domain: [0, top], nice: false } };
  const variants = variantNames(view);
  return {
    id,
    title: axis === 'wal' ? 'Indexes: reads vs WAL per write' : 'Indexes: reads vs write latency',
    caption:
      (axis === 'wal'
        ? 'Median reads per second (whiskers: the req/s interval scaled to reads) against the WAL the primary wrote per write ' +
          '(pg_current_wal_lsn before and after each trial ÷ writes, median over trials). '
        : 'Median reads per second (whiskers: the req/s interval scaled to reads) against the median write p50. ') +
      'One colour per strategy, one shape per database variant: an index that earns its keep moves a point up; one that ' +
      'does not only moves it right.',
    spec: {
      config: { ...CONFIG, legend: { ...CONFIG.legend, columns: 2 } },
      width: WIDTH,
      autosize: AUTOSIZE,
      height: 260,
      data: { values },
      encoding: { x },
      layer: [
        {
          mark: { type: 'rule', opacity: 0.6 },
          encoding: { y: { ...y, field: 'readLow' }, y2: { field: 'readHigh' }, color: { field: 'strategy', legend: null } },
        },
        {
          mark: { type: 'point', filled: true, size: 110, opacity: 1 },
          encoding: {
            y,
            color: { field: 'strategy', type: 'nominal', title: 'strategy', scale: { scheme: 'tableau10' } },
            shape: { field: 'variant', type: 'nominal', title: 'variant', scale: { domain: variants } },
            tooltip: [
              { field: 'contender' },
              { field: 'readLabel', title: 'reads' },
              { field: 'xLabel', title: AXES[axis].title.split(' →')[0] },
            ],
          },
        },
        { mark: { type: 'text', align: 'left', baseline: 'middle', dx: 9, fontSize: 10.5 }, encoding: { y, text: { field: 'variant' } } },
      ],
    },
  };
}
