// The primary's connection count during a trial, sampled from pg_stat_activity off the hot path: how many server
// connections a strategy holds (its pool, its connections per request, or PgBouncer's pool) and how many of them run
// a query. Strategy servers name their connections (application_name, src/server/context.ts), so an idle pool of
// another strategy's server is not counted.
import type pg from 'pg';
import { sleep } from '../core/net.ts';
import type { Trial } from '../results/schema.ts';

const INTERVAL_MS = 50;

type Sampled = NonNullable<Trial['connections']>;

/** Samples until `until` settles; null when no sample could be read. */
export async function sampleConnections(pool: pg.Pool, applicationName: string, until: Promise<unknown>): Promise<Sampled | null> {
  let done = false;
  void until.finally(() => (done = true));
  const counts: number[] = [];
  let activeMax = 0;
  while (!done) {
    try {
      const r = await pool.query<{ n: number; active: number }>(
        `SELECT count(*)::int AS n, count(*) FILTER (WHERE state = 'active')::int AS active
           FROM pg_stat_activity WHERE application_name = $1`,
        [applicationName],
      );
      const row = r.rows[0];
      if (row) {
        counts.push(row.n);
        activeMax = Math.max(activeMax, row.active);
      }
    } catch {
      // A failed sample is a missing sample, not a failed trial.
    }
    await sleep(INTERVAL_MS);
  }
  if (counts.length === 0) return null;
  return {
    samples: counts.length,
    mean: counts.reduce((a, b) => a + b, 0) / counts.length,
    max: Math.max(...counts),
    activeMax,
  };
}
