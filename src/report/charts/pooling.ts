// The charts of the pooling scenario: throughput and p99 against how a request gets its connection (pool sizes in
// order, then a connection per request and PgBouncer beside them), and where each request's time with the database
// went (waiting for a pooled connection, opening one, the statement's round trip) next to the server connections held.
import { formatInt, formatPercent, formatRps, formatUs } from '../format.ts';
import { poolingRows } from '../model/pooling.ts';
import type { ScenarioView } from '../model/scenario.ts';
import { AUTOSIZE, CONFIG, barsHeight, WIDTH, type ChartDef } from './common.ts';

const KIND_COLORS = { domain: ['pool', 'per request', 'PgBouncer'], range: ['#4c78a8', '#e45756', '#59a14f'] };

export function poolingTradeoff(view: ScenarioView, id: string): ChartDef | null {
  const rows = poolingRows(view);
  if (rows.length === 0) return null;
  const values = rows.map((r) => ({
    strategy: r.strategy,
    what: `${r.label} (${r.strategy})`,
    kind: r.kind,
    rps: r.rps.estimate,
    low: r.rps.low,
    high: r.rps.high,
    p99: r.p99Us / 1000,
    rpsLabel: formatRps(r.rps.estimate),
    p99Label: formatUs(r.p99Us),
  }));
  const x = {
    field: 'what',
    type: 'nominal',
    sort: values.map((v) => v.what),
    title: null,
    axis: { labelAngle: -30, labelLimit: 260 },
  } as const;
  const tooltip = [
    { field: 'strategy' },
    { field: 'what', title: 'connection' },
    { field: 'rpsLabel', title: 'req/s (median)' },
    { field: 'p99Label', title: 'p99' },
  ];
  return {
    id,
    title: `Throughput and p99 against how a request gets its connection, at ${view.connections ?? '?'} connections`,
    caption:
      'Bars: median req/s with its interval (whiskers); diamonds: p99 latency (right axis). Pool sizes in order, then a ' +
      'connection opened per request and PgBouncer (transaction mode, 10 server connections) beside them. A pool smaller ' +
      'than the load makes requests queue in the application; a larger one moves the queue into the database.',
    wide: true,
    spec: {
      config: CONFIG,
      width: WIDTH,
      autosize: AUTOSIZE,
      height: 260,
      data: { values },
      encoding: { x },
      layer: [
        {
          layer: [
            {
              mark: { type: 'bar', opacity: 0.85 },
              encoding: {
                y: { field: 'rps', type: 'quantitative', title: 'req/s (median, interval)' },
                color: { field: 'kind', type: 'nominal', title: 'connection', scale: KIND_COLORS },
                tooltip,
              },
            },
            {
              mark: { type: 'rule', color: '#1f2328' },
              encoding: { y: { field: 'low', type: 'quantitative' }, y2: { field: 'high' } },
            },
          ],
        },
        {
          mark: { type: 'point', shape: 'diamond', filled: true, size: 90, color: '#f58518' },
          encoding: {
            y: { field: 'p99', type: 'quantitative', title: 'p99 (ms, diamonds)', axis: { orient: 'right', titleColor: '#f58518' } },
            tooltip,
          },
        },
      ],
      resolve: { scale: { y: 'independent' } },
    },
  };
}

const PARTS = ['waiting for a pooled connection', 'opening a connection', 'statement round trip'] as const;

export function poolingTime(view: ScenarioView, id: string): ChartDef | null {
  const rows = poolingRows(view);
  if (rows.length === 0) return null;
  const values = rows.flatMap((r) => {
    const conns = r.serverConnections
      ? `${formatInt(Math.round(r.serverConnections.mean))} server connections (max ${formatInt(r.serverConnections.max)}, ${formatInt(r.serverConnections.activeMax)} running at most)`
      : 'server connections not sampled';
    const share = r.setupShare === null ? '' : `setup ${formatPercent(r.setupShare)} of database time`;
    return [r.poolWaitUs ?? 0, r.connectUs ?? 0, r.dbUs ?? 0].map((us, i) => ({
      strategy: r.strategy,
      part: PARTS[i],
      ms: us / 1000,
      label: formatUs(us),
      conns,
      share,
    }));
  });
  return {
    id,
    title: 'Where a request’s time with the database went, and the server connections it held',
    caption:
      'Per request, medians across trials, measured in the strategy server: the wait at pool.connect for a pooled ' +
      'connection, the time to open a connection (TCP, authentication, backend start), and the statement’s round trip ' +
      '(including any queue in PgBouncer). Tooltips give the primary’s connection count sampled from pg_stat_activity.',
    wide: true,
    spec: {
      config: CONFIG,
      width: WIDTH,
      autosize: AUTOSIZE,
      height: barsHeight(rows.length),
      data: { values },
      mark: { type: 'bar' },
      encoding: {
        y: { field: 'strategy', type: 'nominal', sort: rows.map((r) => r.strategy), title: null },
        x: { field: 'ms', type: 'quantitative', stack: 'zero', title: 'ms per request' },
        color: {
          field: 'part',
          type: 'nominal',
          title: null,
          sort: [...PARTS],
          scale: { domain: [...PARTS], range: ['#f58518', '#e45756', '#4c78a8'] },
        },
        order: { field: 'part', sort: 'ascending' },
        tooltip: [
          { field: 'strategy' },
          { field: 'part' },
          { field: 'label', title: 'time' },
          { field: 'share', title: ' ' },
          { field: 'conns', title: 'connections' },
        ],
      },
    },
  };
}
