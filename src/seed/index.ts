// Seeds every started backend with the same generated dataset, then makes sure readers see it: the replica has
// replayed the primary's LSN and caches are empty.
import type { DatasetFacts, Endpoints, PostgresSeeded, PostgresSeedPlan } from '../core/infra.ts';
import { describeDataset, generateDataset, type Dataset } from '../../datasets/index.ts';
import type { PresetName } from '../../datasets/presets.ts';
import { seedKey } from './key.ts';
import { seedPostgres } from './postgres.ts';

export interface Seeded {
  /** Seconds spent seeding, including what the provider did while starting (a restore from the cache, or a seed). */
  seconds: number;
  /** True when PostgreSQL's data came from the seeded-database cache. */
  cached: boolean;
}

/**
 * How a provider may seed PostgreSQL while starting it. `cacheDir` null: a fresh seed that is not kept either
 * (--no-seed-cache).
 */
export function postgresSeedPlan(
  preset: PresetName,
  seed: number,
  cacheDir: string | null,
  log: (line: string) => void,
  facts: () => DatasetFacts = () => datasetFacts(generateDataset(preset, seed)),
): PostgresSeedPlan {
  return {
    facts,
    preset,
    seed,
    cacheDir,
    key: (version) => seedKey(preset, seed, version),
    run: async (url) => {
      const s = await seedPostgres(url, { preset, seed });
      logPostgresSeed(s, log);
      return s;
    },
    log,
  };
}

/** What a run needs to know of the dataset without its rows: see describeDataset. */
export function datasetFacts(ds: Dataset): DatasetFacts {
  const info = describeDataset(ds);
  return { counts: { ...info.counts }, idleUser: info.idleUser ?? null };
}

function logPostgresSeed(s: Awaited<ReturnType<typeof seedPostgres>>, log: (line: string) => void): void {
  const phases = Object.entries(s.phases)
    .map(([k, v]) => `${k} ${v.toFixed(2)}`)
    .join(', ');
  log(`seed: postgres ${s.rows} rows in ${s.seconds.toFixed(2)} s (${Math.round(s.rows / s.seconds)} rows/s; ${phases} s)`);
  if (!s.checkpointed) log('seed: postgres CHECKPOINT not permitted for this role — the next checkpoint may fall in a trial');
}

/** `prior`: PostgreSQL was seeded by the provider while starting (then it is not seeded again here). */
export async function seedBackends(
  endpoints: Endpoints,
  dataset: Dataset | (() => Dataset),
  log: (line: string) => void,
  prior?: PostgresSeeded,
): Promise<Seeded> {
  const t0 = performance.now();
  const ds = typeof dataset === 'function' ? dataset : () => dataset;
  if (prior) {
    log(`seed: postgres ${prior.rows} rows ${prior.cached ? 'restored from the cache' : 'seeded'} in ${prior.seconds.toFixed(2)} s`);
  } else if (endpoints.postgres) {
    const s = await seedPostgres(endpoints.postgres.url, ds());
    logPostgresSeed(s, log);
  }
  if (endpoints.mongo) {
    const { seedMongo } = await import('./mongo.ts');
    const s = await seedMongo(endpoints.mongo.url, ds());
    log(`seed: mongo (${endpoints.mongo.server}) ${s.docs} docs in ${s.seconds.toFixed(2)} s (${Math.round(s.docs / s.seconds)} docs/s)`);
  }
  if (endpoints.replica && endpoints.postgres) {
    const { waitForReplica } = await import('../infra/replication.ts');
    await waitForReplica(endpoints.postgres.url, endpoints.replica.url, 60_000);
    log('seed: replica caught up with the primary');
  }
  await flushCaches(endpoints);
  return { seconds: (performance.now() - t0) / 1000 + (prior?.seconds ?? 0), cached: prior?.cached ?? false };
}

/** Empties the cache servers one strategy uses (before its verification: src/verify/scenario.ts). */
export async function flushCachesOf(strategy: { needs: readonly string[] }, endpoints: Endpoints): Promise<void> {
  await flushCaches({
    ...(strategy.needs.includes('redis') && endpoints.redis ? { redis: endpoints.redis } : {}),
    ...(strategy.needs.includes('memcached') && endpoints.memcached ? { memcached: endpoints.memcached } : {}),
  });
}

/** Empties Redis and Memcached: caches must never carry entries from another run, scenario or database copy. */
export async function flushCaches(endpoints: Endpoints): Promise<void> {
  if (endpoints.memcached) {
    const { memcachedClient } = await import('../infra/memcached-client.ts');
    const m = await memcachedClient(endpoints.memcached.url);
    try {
      await m.flush();
    } finally {
      m.close();
    }
  }
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
