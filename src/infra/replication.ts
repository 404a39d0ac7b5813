// How far a streaming replica is behind its primary, and waiting for it to catch up. Works for any physical
// standby (the local one, docker's, or a managed read replica given by URL), so it only relies on SQL both sides
// expose to the benchmark role.
import pg from 'pg';
import { InfraError } from '../core/errors.ts';
import { waitFor } from '../core/net.ts';

/** A pg.Client, pg.Pool or pooled client: anything that runs one query. */
export interface Queryable {
  query: <R extends pg.QueryResultRow>(text: string, values?: unknown[]) => Promise<pg.QueryResult<R>>;
}

export interface ReplicaLag {
  /** WAL the primary has written that the replica has not replayed yet. */
  bytes: number;
  /** How old the replica's view is, in ms; 0 when caught up (see replicaLag). */
  ms: number;
}

/**
 * Replica lag in bytes and milliseconds.
 *
 * bytes = pg_wal_lsn_diff(primary's pg_current_wal_lsn(), replica's pg_last_wal_replay_lsn()), read primary first,
 * so WAL written between the two reads is not counted and a caught-up replica reads exactly 0.
 *
 * ms: 0 when bytes is 0 — a caught-up replica is not stale, however long ago the last write was. Otherwise the
 * primary's pg_stat_replication.replay_lag for this standby (measured by the primary from the standby's replay
 * feedback, so no clock skew, and not inflated by idle periods); when that is not visible (a role without
 * pg_read_all_stats, a managed replica whose sender we cannot identify, or no sample yet) the replica's
 * now() - pg_last_xact_replay_timestamp(), which needs only the replica but overstates lag after an idle period
 * (it is the age of the last replayed commit). replay_lag is the latest sample, so while replay is stalled outright
 * (e.g. paused) it does not grow; bytes does, which is why both are reported. Never negative.
 */
export async function replicaLag(primary: Queryable, replica: Queryable): Promise<ReplicaLag> {
  const p = await primary.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn');
  const primaryLsn = p.rows[0]?.lsn ?? '0/0';
  const r = await replica.query<{ behind: string | null; slot: string | null; age_ms: number | null }>(
    `SELECT pg_wal_lsn_diff($1::pg_lsn, pg_last_wal_replay_lsn())::text AS behind,
            (SELECT slot_name FROM pg_stat_wal_receiver) AS slot,
            (extract(epoch FROM now() - pg_last_xact_replay_timestamp()) * 1000)::float8 AS age_ms`,
    [primaryLsn],
  );
  const row = r.rows[0];
  if (!row || row.behind === null) throw notAStandby();
  const bytes = Math.max(0, Number(row.behind));
  if (bytes === 0) return { bytes: 0, ms: 0 };
  const measured = await replayLagOnPrimary(primary, row.slot);
  return { bytes, ms: Math.max(0, measured ?? row.age_ms ?? 0) };
}

/** The primary's last measured replay_lag for the standby using `slot`, or null when it cannot be seen. */
async function replayLagOnPrimary(primary: Queryable, slot: string | null): Promise<number | null> {
  if (!slot) return null;
  const r = await primary.query<{ ms: number | null }>(
    `SELECT (extract(epoch FROM s.replay_lag) * 1000)::float8 AS ms
     FROM pg_stat_replication s JOIN pg_replication_slots r ON r.active_pid = s.pid
     WHERE r.slot_name = $1`,
    [slot],
  );
  return r.rows[0]?.ms ?? null;
}

/**
 * Waits until the replica has replayed everything the primary had written when called: the primary's current LSN
 * is read once, so a primary under constant write load cannot keep the wait going forever.
 */
export async function waitForReplica(primaryUrl: string, replicaUrl: string, timeoutMs: number): Promise<void> {
  const primary = await connect(primaryUrl);
  let replica: pg.Client | null = null;
  try {
    replica = await connect(replicaUrl);
    const p = await primary.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn');
    const target = p.rows[0]?.lsn ?? '0/0';
    const standby = replica;
    let replayed = 'nothing';
    await waitFor(
      `the replica to replay the primary's WAL up to ${target}`,
      async () => {
        const r = await standby.query<{ lsn: string | null; done: boolean | null }>(
          'SELECT pg_last_wal_replay_lsn()::text AS lsn, pg_last_wal_replay_lsn() >= $1::pg_lsn AS done',
          [target],
        );
        const row = r.rows[0];
        if (!row || row.lsn === null) return true; // reported below, without waiting out the timeout
        replayed = row.lsn;
        return row.done === true;
      },
      timeoutMs,
      50,
    ).catch((e: Error) => {
      throw new InfraError(`${e.message} (replayed so far: ${replayed})`);
    });
    if (replayed === 'nothing') throw notAStandby();
  } finally {
    await primary.end().catch(() => {});
    await replica?.end().catch(() => {});
  }
}

function notAStandby(): InfraError {
  return new InfraError('the replica URL points at a server that is not in recovery (pg_last_wal_replay_lsn() is null)');
}

async function connect(url: string): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  c.on('error', () => {}); // a server stopping mid-wait surfaces as a failed query, not a crash
  await c.connect();
  return c;
}
