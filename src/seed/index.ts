// Seeds every started backend with the same generated dataset, then makes sure readers see it: the replica has
// replayed the primary's LSN and caches are empty.
import type { Endpoints } from '../core/infra.ts';
import type { Dataset } from '../../datasets/generator.ts';
import { seedPostgres } from './postgres.ts';

export interface Seeded {
  seconds: number;
}

export async function seedBackends(endpoints: Endpoints, ds: Dataset, log: (line: string) => void): Promise<Seeded> {
  const t0 = performance.now();
  if (endpoints.postgres) {
    const s = await seedPostgres(endpoints.postgres.url, ds);
    const phases = Object.entries(s.phases)
      .map(([k, v]) => `${k} ${v.toFixed(2)}`)
      .join(', ');
    log(`seed: postgres ${s.rows} rows in ${s.seconds.toFixed(2)} s (${Math.round(s.rows / s.seconds)} rows/s; ${phases} s)`);
    if (!s.checkpointed) log('seed: postgres CHECKPOINT not permitted for this role — the next checkpoint may fall in a trial');
  }
  if (endpoints.mongo) {
    const { seedMongo } = await import('./mongo.ts');
    const s = await seedMongo(endpoints.mongo.url, ds);
    log(`seed: mongo (${endpoints.mongo.server}) ${s.docs} docs in ${s.seconds.toFixed(2)} s (${Math.round(s.docs / s.seconds)} docs/s)`);
  }
  if (endpoints.replica && endpoints.postgres) {
    const { waitForReplica } = await import('../infra/replication.ts');
    await waitForReplica(endpoints.postgres.url, endpoints.replica.url, 60_000);
    log('seed: replica caught up with the primary');
  }
  await flushCaches(endpoints);
  return { seconds: (performance.now() - t0) / 1000 };
}

/** Empties Redis: caches must never carry entries from another run, scenario or database copy. */
export async function flushCaches(endpoints: Endpoints): Promise<void> {
  if (!endpoints.redis) return;
  const { Redis } = await import('ioredis');
  const r = new Redis(endpoints.redis.url, { maxRetriesPerRequest: 1, connectTimeout: 2000 });
  r.on('error', () => {});
  try {
    await r.flushall();
  } finally {
    r.disconnect();
  }
}
