// Per-strategy figures of the pooling scenario (or any scenario whose trials sampled the primary's connections):
// how each strategy gets its connection, what that costs a request (waiting for a pooled one, opening one) and how
// many server connections it holds. Pure functions over the result, so the verdict and charts can be unit-tested.
import type { Interval } from '../../results/schema.ts';
import { formatInt, formatPercent, formatRatio, formatUs } from '../format.ts';
import { median, speedRatio, type RankedRow, type ScenarioView } from './scenario.ts';

export type ConnectionKind = 'pool' | 'per request' | 'PgBouncer';

export interface PoolingFigures {
  strategy: string;
  kind: ConnectionKind;
  /** How it connects, in words: "pool of 10", "new connection per request via PgBouncer". */
  label: string;
  /** The application pool's size; null for a connection per request. */
  pool: number | null;
  rps: Interval;
  /** p99 of all trials merged, µs (as the ranking table and the verdict give it). */
  p99Us: number;
  /** Medians across trials, µs per request. */
  poolWaitUs: number | null;
  connectUs: number | null;
  connectsPerRequest: number | null;
  dbUs: number | null;
  /** Connection setup ÷ (setup + query round trips): the share of its database time a request spent connecting. */
  setupShare: number | null;
  /** The primary's connections held by the strategy (directly, or PgBouncer's), median of trial means; max; max running. */
  serverConnections: { mean: number; max: number; activeMax: number } | null;
}

const med = (xs: Array<number | null | undefined>): number | null => median(xs.filter((x): x is number => typeof x === 'number'));

export function poolingFigures(row: RankedRow): PoolingFigures | null {
  const trials = row.level.trials;
  const sampled = trials.flatMap((t) => (t.connections ? [t.connections] : []));
  if (sampled.length === 0) return null;
  const s = row.strategy;
  const viaBouncer = s.needs.includes('pgbouncer');
  const perRequest = s.parity.connection === 'per request';
  const pool = perRequest ? null : typeof s.parity.pool === 'number' ? s.parity.pool : null;
  const kind: ConnectionKind = viaBouncer ? 'PgBouncer' : perRequest ? 'per request' : 'pool';
  const label = perRequest
    ? `new connection per request${viaBouncer ? ' via PgBouncer' : ''}`
    : `pool of ${pool ?? '?'}${viaBouncer ? ' via PgBouncer' : ''}`;
  const server = trials.flatMap((t) => (t.server ? [t.server] : []));
  const connectUs = med(server.map((m) => m.connectMicrosPerRequest));
  const dbUs = med(server.map((m) => m.dbMicrosPerRequest));
  const setupShare = connectUs !== null && dbUs !== null && connectUs + dbUs > 0 && connectUs > 0 ? connectUs / (connectUs + dbUs) : null;
  return {
    strategy: s.strategy,
    kind,
    label,
    pool,
    rps: row.level.summary.rps,
    p99Us: row.level.summary.latencyUs.p99,
    poolWaitUs: med(server.map((m) => m.poolWaitMicrosPerRequest)),
    connectUs,
    connectsPerRequest: med(server.map((m) => m.connectsPerRequest)),
    dbUs,
    setupShare,
    serverConnections: {
      mean: med(sampled.map((c) => c.mean)) ?? 0,
      max: Math.max(...sampled.map((c) => c.max)),
      activeMax: Math.max(...sampled.map((c) => c.activeMax)),
    },
  };
}

/** Pools in size order, then connections per request, then PgBouncer: the order of the chart's axis. */
export function poolingRows(view: ScenarioView): PoolingFigures[] {
  const order: Record<ConnectionKind, number> = { pool: 0, 'per request': 1, PgBouncer: 2 };
  return view.ranked
    .flatMap((r) => poolingFigures(r) ?? [])
    .sort((a, b) => order[a.kind] - order[b.kind] || (a.pool ?? 0) - (b.pool ?? 0) || a.strategy.localeCompare(b.strategy));
}

const rowOf = (view: ScenarioView, name: string): RankedRow | undefined => view.ranked.find((r) => r.strategy.strategy === name);

/**
 * One sentence: the fastest way to connect against a connection per request (else the slowest), with the CI, what
 * opening the connection cost each request, and the server connections each held.
 */
export function poolingVerdict(view: ScenarioView): string | null {
  const rows = poolingRows(view);
  const fast = view.ranked[0];
  if (rows.length < 2 || !fast) return null;
  const slowFig = rows.find((r) => r.strategy === 'pg-per-request') ?? rows.find((r) => r.kind === 'per request');
  const slow = (slowFig && rowOf(view, slowFig.strategy)) ?? view.ranked[view.ranked.length - 1];
  if (!slow || slow === fast) return null;
  const f = rows.find((r) => r.strategy === fast.strategy.strategy);
  const sl = rows.find((r) => r.strategy === slow.strategy.strategy);
  if (!f || !sl) return null;
  const r = speedRatio(fast.level, slow.level);
  const ci = `CI ${formatRatio(r.low).replace('×', '')}–${formatRatio(r.high)}`;
  const head =
    r.low <= 1
      ? `At ${fast.level.connections} connections, ${f.strategy} (${f.label}) and ${sl.strategy} (${sl.label}) serve rates the data cannot tell apart (${formatRatio(r.estimate)}, ${ci})`
      : `At ${fast.level.connections} connections, ${f.strategy} (${f.label}) serves ${formatRatio(r.estimate)} the requests of ${sl.strategy} (${sl.label}; ${ci}, p99 ${formatUs(f.p99Us)} vs ${formatUs(sl.p99Us)})`;
  const setup =
    sl.connectUs !== null && sl.setupShare !== null
      ? `; opening a connection cost each of ${sl.strategy}'s requests ${formatUs(sl.connectUs)}, ${formatPercent(sl.setupShare)} of its database time`
      : '';
  const conns = (x: PoolingFigures): string => (x.serverConnections ? formatInt(Math.round(x.serverConnections.mean)) : '?');
  return `${head}${setup}; server connections held: ${conns(f)} vs ${conns(sl)}.`;
}
