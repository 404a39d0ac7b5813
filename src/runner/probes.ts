// Measurements taken beside the load, off the hot path: stale reads under writes and replica lag.
import pg from 'pg';
import type { Ctx } from '../core/context.ts';
import type { Endpoints } from '../core/infra.ts';
import { sleep } from '../core/net.ts';
import type { RawParams, Scenario } from '../core/scenario.ts';
import { replicaLag } from '../infra/replication.ts';
import { quantile } from '../stats/summary.ts';
import { fillRoute } from '../core/route.ts';

export interface StaleCount {
  checks: number;
  stale: number;
  /** For each stale read: how long before it the write it missed had been sent, ms (when `writtenAt` knows it). */
  agesMs: number[];
}

/** The key under which a write's send time is kept for the probe (`writtenAt`). */
export const writeKey = (params: RawParams): string => JSON.stringify(params);

/**
 * Re-checks reads against the primary while a mixed trial runs: read the primary's version of a recently written
 * item first, then read the same item through the strategy; a payload older than what the primary had already
 * committed is a stale read. Counted, never hidden. Runs until `until` resolves.
 */
export async function probeStaleness(opts: {
  scenario: Scenario;
  baseUrl: string;
  ctx: Pick<Ctx, 'pg'>;
  recent: RawParams[];
  until: Promise<unknown>;
  everyMs?: number;
  /** When the last write to each item was sent (performance.now(), by writeKey): the age of a stale read. */
  writtenAt?: ReadonlyMap<string, number>;
}): Promise<StaleCount> {
  const fresh = opts.scenario.writes?.freshness;
  const out: StaleCount = { checks: 0, stale: 0, agesMs: [] };
  if (!fresh) return out;
  let done = false;
  void opts.until.finally(() => (done = true));
  let i = 0;
  while (!done) {
    await sleep(opts.everyMs ?? 20);
    const params = opts.recent[opts.recent.length - 1 - (i++ % Math.max(1, Math.min(8, opts.recent.length)))];
    if (!params) continue;
    try {
      const primary = await fresh.primary(params, opts.ctx as Ctx);
      const r = await fetch(opts.baseUrl + fillRoute(opts.scenario.route.path, params));
      if (r.status !== 200) continue;
      const observed = fresh.observed(await r.json(), params);
      out.checks++;
      if (observed < primary) {
        out.stale++;
        // The read missed at least the item's latest write: how long that write had been on its way, a lower bound
        // of how old the payload was (its write latency included).
        const sent = opts.writtenAt?.get(writeKey(params));
        if (sent !== undefined) out.agesMs.push(Math.round((performance.now() - sent) * 10) / 10);
      }
    } catch {
      /* a failed probe is not a stale read; the load's own error counts report failures */
    }
  }
  return out;
}

export interface LagSummary {
  samples: number;
  bytesP50: number;
  bytesP99: number;
  msP50: number;
  msP99: number;
}

/** Samples replica lag (bytes and ms) every `everyMs` until `until` resolves. */
export async function sampleReplicaLag(endpoints: Endpoints, until: Promise<unknown>, everyMs = 100): Promise<LagSummary | null> {
  if (!endpoints.postgres || !endpoints.replica) return null;
  const primary = new pg.Client({ connectionString: endpoints.postgres.url, connectionTimeoutMillis: 2000 });
  const replica = new pg.Client({ connectionString: endpoints.replica.url, connectionTimeoutMillis: 2000 });
  primary.on('error', () => {});
  replica.on('error', () => {});
  const bytes: number[] = [];
  const ms: number[] = [];
  try {
    await primary.connect();
    await replica.connect();
    let done = false;
    void until.finally(() => (done = true));
    while (!done) {
      try {
        const l = await replicaLag(primary, replica);
        bytes.push(l.bytes);
        ms.push(l.ms);
      } catch {
        /* the replica may be gone (fault tests): stop sampling, the load reports the errors */
        break;
      }
      await sleep(everyMs);
    }
  } catch {
    return null;
  } finally {
    await primary.end().catch(() => {});
    await replica.end().catch(() => {});
  }
  if (bytes.length === 0) return null;
  const sb = [...bytes].sort((a, b) => a - b);
  const sm = [...ms].sort((a, b) => a - b);
  return {
    samples: bytes.length,
    bytesP50: Math.round(quantile(sb, 0.5)),
    bytesP99: Math.round(quantile(sb, 0.99)),
    msP50: quantile(sm, 0.5),
    msP99: quantile(sm, 0.99),
  };
}

/**
 * The primary's current WAL position in bytes (pg_current_wal_lsn), or null where it cannot be read. Cluster-wide:
 * read before and after a trial, the difference is the WAL that trial's writes produced (with whatever else wrote at
 * the same time: autovacuum, checkpoints' full-page images), so trials run one at a time.
 */
export async function walPosition(pool: pg.Pool): Promise<bigint | null> {
  try {
    const r = await pool.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn');
    const [hi, lo] = (r.rows[0]?.lsn ?? '').split('/');
    if (hi === undefined || lo === undefined) return null;
    return (BigInt(`0x${hi}`) << 32n) + BigInt(`0x${lo}`);
  } catch {
    return null;
  }
}
