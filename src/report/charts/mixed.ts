// The charts of a mixed read/write load: what writes cost next to reads, what caches and replicas give up in
// freshness, and the denormalization trade-off (faster reads paid for with costlier writes).
import { formatInt, formatPercent, formatRps, formatUs } from '../format.ts';
import { mixedRows } from '../model/mixed.ts';
import type { ScenarioView } from '../model/scenario.ts';
import { AUTOSIZE, CONFIG, colorFor, usLogAxis, WIDTH, type ChartDef } from './common.ts';
import { dumbbell } from './dots.ts';

export function readWriteLatency(view: ScenarioView, id: string): ChartDef | null {
  const rows = mixedRows(view);
  if (rows.length === 0) return null;
  return dumbbell(view, {
    id,
    title: 'Mixed load: read vs write latency',
    caption:
      'p50 (circle) and p99 (square) of reads and of writes, each the median across trials (log scale). The number ' +
      'is write latency as a multiple of read latency: what a write path that maintains a cache or read model adds.',
    series: ['read', 'write'],
    colors: ['#4c78a8', '#e45756'],
    axisTitle: 'latency (log scale)',
    rows: rows.map((r) => ({ strategy: r.strategy, p50: [r.readP50Us, r.writeP50Us], p99: [r.readP99Us, r.writeP99Us] })),
  });
}

const HIT = 'cache hits / lookups';
const STALE = 'stale: reads of just-written posts that missed the write';

export function cacheAndStaleness(view: ScenarioView, id: string): ChartDef | null {
  const rows = mixedRows(view);
  if (rows.length === 0) return null;
  const values = rows.flatMap((r) => [
    {
      strategy: r.strategy,
      metric: HIT,
      ratio: r.cacheHitRatio ?? 0,
      label: r.cacheHitRatio === null ? 'no cache' : formatPercent(r.cacheHitRatio),
    },
    {
      strategy: r.strategy,
      metric: STALE,
      ratio: r.staleChecks > 0 ? r.staleReads / r.staleChecks : 0,
      label:
        r.staleChecks > 0
          ? `${formatInt(r.staleReads)} / ${formatInt(r.staleChecks)} (${formatPercent(r.staleReads / r.staleChecks)})`
          : 'not checked',
    },
  ]);
  const y = { field: 'strategy', type: 'nominal', sort: rows.map((r) => r.strategy), title: null, scale: { paddingInner: 0.25 } } as const;
  const yOffset = { field: 'metric', type: 'nominal', sort: [HIT, STALE] } as const;
  const x = {
    field: 'ratio',
    type: 'quantitative' as const,
    title: 'share',
    // Past 100 % only to leave room for the label after a full bar; the axis stops at 100 %.
    scale: { domain: [0, 1.18] as [number, number], nice: false },
    axis: { format: '.0%', values: [0, 0.2, 0.4, 0.6, 0.8, 1] },
  };
  return {
    id,
    title: 'Mixed load: cache hits and stale reads',
    caption:
      'Cache hits: median across trials of hits / lookups (cached strategies only). Stale reads: a probe re-read ' +
      'posts just written and counted those that did not show the write yet, summed over trials — read-your-writes ' +
      'staleness for recently written posts, not the share of all reads that were stale.',
    spec: {
      config: { ...CONFIG, legend: { ...CONFIG.legend, columns: 1, labelLimit: 400 } },
      width: WIDTH,
      autosize: AUTOSIZE,
      height: 46 * rows.length,
      data: { values },
      encoding: { y, yOffset, x },
      layer: [
        {
          mark: { type: 'bar' },
          encoding: {
            color: { field: 'metric', type: 'nominal', title: null, scale: { domain: [HIT, STALE], range: ['#59a14f', '#e15759'] } },
            tooltip: [{ field: 'strategy' }, { field: 'metric' }, { field: 'label', title: 'value' }],
          },
        },
        { mark: { type: 'text', align: 'left', dx: 4, fontSize: 10.5, color: '#1f2328' }, encoding: { text: { field: 'label' } } },
      ],
    },
  };
}

/**
 * Label positions that keep at least `gap` apart, each as close to its own point as it can: strategies with
 * similar figures (pg-join and pg-replica often are) would otherwise print their names on top of each other.
 * Works in data units on a linear axis; `lo`/`hi` bound the plot.
 */
export function spreadLabels(ys: readonly number[], gap: number, lo: number, hi: number): number[] {
  const order = ys.map((y, i) => ({ y, i })).sort((a, b) => b.y - a.y || a.i - b.i);
  const out = new Array<number>(ys.length);
  let prev = Number.POSITIVE_INFINITY;
  for (const { y, i } of order) {
    prev = Math.min(y, prev - gap, hi);
    out[i] = prev;
  }
  // Pushed below the plot: push back up from the bottom, keeping the gaps.
  let next = lo - gap;
  for (const { i } of [...order].reverse()) {
    next = Math.max(out[i] as number, next + gap);
    out[i] = next;
  }
  return out;
}

/**
 * The denormalization trade-off on one plane: write latency across, read throughput up. Dashed lines cross at the
 * reference strategy, so "up and to the right of it" reads as faster reads bought with costlier writes.
 */
export function readWriteTradeoff(view: ScenarioView, id: string): ChartDef | null {
  const rows = mixedRows(view);
  if (rows.length < 2) return null;
  const values = rows.map((r) => ({
    strategy: r.strategy,
    writeP50: Math.max(r.writeP50Us, 1),
    readRps: r.readRps,
    name: `${r.strategy} · ${r.rowsWrittenPerWrite.toFixed(r.rowsWrittenPerWrite < 10 ? 1 : 0)} rows/write`,
    readLabel: `${formatRps(r.readRps)} reads/s, p50 ${formatUs(r.readP50Us)}`,
    writeLabel: `p50 ${formatUs(r.writeP50Us)}, p99 ${formatUs(r.writeP99Us)}`,
    rows: r.rowsWrittenPerWrite.toFixed(2),
  }));
  const top = Math.max(...values.map((v) => v.readRps)) * 1.15;
  const HEIGHT = 260;
  const labelYs = spreadLabels(
    values.map((v) => v.readRps),
    (14 * top) / HEIGHT,
    0,
    top,
  );
  const labelled = values.map((v, i) => ({ ...v, labelY: labelYs[i] ?? v.readRps }));
  const ref = values.find((v) => v.strategy === view.scenario.reference);
  // Room on the right for the labels written after the rightmost point.
  const xs = values.map((v) => v.writeP50);
  const x = { field: 'writeP50', ...usLogAxis([...xs, Math.max(...xs) * 3], 'write p50 latency (log scale) → costlier writes') };
  const y = {
    field: 'readRps',
    type: 'quantitative' as const,
    title: 'reads per second',
    scale: { domain: [0, top] as [number, number], nice: false },
    axis: { tickCount: 5, format: ',d' },
  };
  return {
    id,
    title: 'Read gain vs write cost',
    caption:
      `Each strategy's median reads per second against its median write p50; labels give rows written per write. ` +
      (ref ? `Dashed lines cross at ${ref.strategy} (the reference): above it, faster reads; right of it, costlier writes. ` : '') +
      'A denormalized read model is meant to land up and to the right: faster reads, paid for by writes that do more.',
    spec: {
      config: CONFIG,
      width: WIDTH,
      autosize: AUTOSIZE,
      height: HEIGHT,
      layer: [
        ...(ref
          ? [
              { data: { values: [ref] }, mark: { type: 'rule' as const, strokeDash: [4, 4], color: '#9aa0a6' }, encoding: { x } },
              { data: { values: [ref] }, mark: { type: 'rule' as const, strokeDash: [4, 4], color: '#9aa0a6' }, encoding: { y } },
            ]
          : []),
        {
          data: { values: labelled },
          encoding: { x, y },
          layer: [
            {
              mark: { type: 'point', filled: true, size: 90, opacity: 1 },
              encoding: {
                color: { ...colorFor(view), legend: null },
                tooltip: [
                  { field: 'strategy' },
                  { field: 'readLabel', title: 'reads' },
                  { field: 'writeLabel', title: 'writes' },
                  { field: 'rows', title: 'rows written per write' },
                ],
              },
            },
            // The same text twice, first as a white outline: a label stays readable across a guide line or a dot.
            {
              mark: {
                type: 'text',
                align: 'left',
                baseline: 'middle',
                dx: 9,
                fontSize: 11,
                stroke: '#fff',
                strokeWidth: 3,
                strokeOpacity: 0.9,
              },
              encoding: { y: { ...y, field: 'labelY' }, text: { field: 'name' } },
            },
            {
              mark: { type: 'text', align: 'left', baseline: 'middle', dx: 9, fontSize: 11 },
              encoding: { y: { ...y, field: 'labelY' }, text: { field: 'name' } },
            },
          ],
        },
      ],
    },
  };
}
