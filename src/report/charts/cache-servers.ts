// Redis against Memcached in one figure: a small panel per question a team asks (how fast, how long one round trip
// waits, what the cache server burns, and under a mixed load what an invalidating write costs and how often a read
// is stale), the two servers side by side in each, so the trade-off reads across the row.
import { formatInt, formatPercent, formatRps, formatUs } from '../format.ts';
import type { CacheComparison, CacheServerFigures } from '../model/cache-servers.ts';
import { CONFIG, type ChartDef } from './common.ts';

interface Panel {
  title: string;
  /** How the axis labels its values. */
  unit: 'rps' | 'us' | 'share';
  /** Left out when every value is zero (e.g. CPU below the clock-tick resolution of a short trial). */
  hideZero?: boolean;
  /** The bar, and an optional interval drawn as a whisker; label is the tooltip's text. */
  value: (f: CacheServerFigures) => { v: number; low?: number; high?: number; label: string } | null;
}

/** µs as the tables write them; shares as percentages. */
const AXIS = {
  rps: {},
  us: { labelExpr: "datum.value >= 1000 ? format(datum.value / 1000, ',~r') + ' ms' : format(datum.value, ',~r') + ' µs'" },
  share: { format: '.0%' },
} as const;

const COLORS = { Redis: '#d6544b', Memcached: '#4c78a8' } as const;
const NAMES = { redis: 'Redis', memcached: 'Memcached' } as const;

const PANELS: Panel[] = [
  {
    title: 'req/s (median, CI)',
    unit: 'rps',
    value: (f) => {
      const rps = f.row.level.summary.rps;
      return {
        v: rps.estimate,
        low: rps.low,
        high: rps.high,
        label: `${formatRps(rps.estimate)} (CI ${formatRps(rps.low)}–${formatRps(rps.high)})`,
      };
    },
  },
  {
    title: 'round trip of a hit, unloaded',
    unit: 'us',
    value: (f) => (f.idleRoundTripUs === null ? null : { v: f.idleRoundTripUs, label: formatUs(f.idleRoundTripUs) }),
  },
  {
    title: 'round trip under the load',
    unit: 'us',
    value: (f) =>
      f.roundTripUs === null
        ? null
        : {
            v: f.roundTripUs,
            low: f.roundTripRangeUs?.[0],
            high: f.roundTripRangeUs?.[1],
            label: `${formatUs(f.roundTripUs)} (trials ${formatUs(f.roundTripRangeUs?.[0] ?? 0)}–${formatUs(f.roundTripRangeUs?.[1] ?? 0)})`,
          },
  },
  {
    title: 'cache server CPU µs/req',
    unit: 'us',
    hideZero: true,
    value: (f) => (f.cacheCpuUs === null ? null : { v: f.cacheCpuUs, label: `${f.cacheCpuUs.toFixed(1)} µs` }),
  },
];

const MIXED_PANELS: Panel[] = [
  {
    title: 'write p50 (insert + invalidate)',
    unit: 'us',
    value: (f) => (f.mixed ? { v: f.mixed.writeP50Us, label: formatUs(f.mixed.writeP50Us) } : null),
  },
  {
    title: 'stale reads (probe)',
    unit: 'share',
    value: (f) =>
      f.mixed && f.mixed.staleChecks > 0
        ? {
            v: f.mixed.staleReads / f.mixed.staleChecks,
            label: `${formatInt(f.mixed.staleReads)} / ${formatInt(f.mixed.staleChecks)} (${formatPercent(f.mixed.staleReads / f.mixed.staleChecks)})`,
          }
        : null,
  },
];

function panelSpec(panel: Panel, c: CacheComparison): Record<string, unknown> | null {
  const rows = [c.memcached, c.redis].flatMap((f) => {
    const p = panel.value(f);
    return p ? [{ server: NAMES[f.server], ...p }] : [];
  });
  if (rows.length === 0 || (panel.hideZero && rows.every((r) => r.v === 0))) return null;
  const y = { field: 'server', type: 'nominal', sort: ['Memcached', 'Redis'], title: null } as const;
  const hasRange = rows.some((r) => r.low !== undefined && r.high !== undefined);
  return {
    title: { text: panel.title, fontSize: 11, fontWeight: 600 },
    width: 170,
    height: 56,
    data: { values: rows },
    layer: [
      {
        mark: { type: 'bar', height: { band: 0.7 } },
        encoding: {
          y,
          x: {
            ...(panel.unit === 'share' ? { scale: { domain: [0, Math.max(0.05, ...rows.map((r) => r.v))] } } : {}),
            field: 'v',
            type: 'quantitative',
            title: null,
            axis: { tickCount: 3, labelOverlap: 'greedy', labelFlush: true, ...AXIS[panel.unit] },
          },
          color: { field: 'server', type: 'nominal', legend: null, scale: { domain: Object.keys(COLORS), range: Object.values(COLORS) } },
          tooltip: [{ field: 'server' }, { field: 'label', title: panel.title }],
        },
      },
      ...(hasRange
        ? [
            {
              mark: { type: 'rule', color: '#1f2328', strokeWidth: 2 },
              encoding: { y, x: { field: 'low', type: 'quantitative' }, x2: { field: 'high' } },
            },
          ]
        : []),
    ],
  };
}

function rowsOf<T>(items: T[], n: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += n) out.push(items.slice(i, i + n));
  return out;
}

export function cacheServersChart(c: CacheComparison | null, id: string): ChartDef | null {
  if (!c) return null;
  const mixed = c.redis.mixed !== null && c.memcached.mixed !== null;
  const panels = [...PANELS, ...(mixed ? MIXED_PANELS : [])].flatMap((p) => panelSpec(p, c) ?? []);
  return {
    id,
    title: 'Redis vs Memcached: the same cache-aside, two servers',
    caption:
      'pg-cached-redis against pg-cached-memcached (identical code but the client). req/s: median and its interval. ' +
      "Round trip of a hit, unloaded: verification's repeated reads, one at a time (median). Under the load: the mean " +
      'wait for one cache request as the strategy server timed it (its own event-loop queueing included), median across ' +
      'trials, the whisker from the lowest to the highest trial. Cache CPU: the cache server process per request.' +
      (mixed ? ' Under the mixed load: write latency (the INSERT plus one DELETE) and stale reads found by the probe.' : ''),
    wide: true,
    // Three panels a row (rows of hconcat: a wrapped `concat` lays out to nothing under the page's CSP-safe interpreter).
    spec: { config: CONFIG, vconcat: rowsOf(panels, 3).map((row) => ({ hconcat: row, spacing: 24 })), spacing: 14 } as ChartDef['spec'],
  };
}
