// A primary that is already seeded when the provider hands it over, so the streaming replica is cloned from the
// seeded data (it never replays the load) and the seeded data directory can be kept for the next run.
// Cache hit: the entry's data directory is copied in and started — no initdb, no seed. Miss: initdb, seed, clean
// shutdown (the shutdown checkpoint leaves nothing to replay), store the directory in the cache, start it again.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import pg from 'pg';
import { randomBytes } from 'node:crypto';
import type { PostgresSeeded, PostgresSeedPlan } from '../../core/infra.ts';
import { checkInterrupted } from '../../core/lifecycle.ts';
import { lookupEntry, restoreEntry, storeEntry, type CacheMeta } from './seed-cache.ts';
import {
  chownTree,
  connectionUrl,
  runAs,
  serverVersion,
  startPrimary,
  startServer,
  waitReady,
  type PgBinaries,
  type RunningPostgres,
} from './postgres.ts';

/** The binary's own version line, e.g. "postgres (PostgreSQL) 17.6": part of the cache key. */
function binaryVersion(bins: PgBinaries): string {
  const r = spawnSync(bins.postgres, ['--version'], { encoding: 'utf8' });
  return `${r.stdout.trim()} ${process.platform}-${process.arch}`;
}

export async function startSeededPrimary(
  root: string,
  port: number,
  bins: PgBinaries,
  plan: PostgresSeedPlan,
): Promise<{ primary: RunningPostgres; seeded: PostgresSeeded }> {
  const t0 = performance.now();
  const key = plan.key(binaryVersion(bins));
  const hit = plan.cacheDir ? lookupEntry(plan.cacheDir, key) : null;
  if (hit) {
    plan.log(`seed: postgres from the seeded-database cache (${hit.dir})`);
    const primary = await startFromEntry(root, port, bins, hit.dataDir, hit.meta);
    const seeded = { cached: true, seconds: (performance.now() - t0) / 1000, rows: hit.meta.rows, facts: hit.meta.facts };
    return { primary, seeded };
  }
  const primary = await startPrimary(root, port, bins);
  const t1 = performance.now(); // a fresh seed's time starts once the empty server is up, as with any provider
  const stats = await plan.run(primary.url).catch(async (e: unknown) => {
    await primary.proc.stop(); // before the provider removes its temp dir
    throw e;
  });
  if (plan.cacheDir) {
    checkInterrupted();
    await primary.proc.stop(); // fast shutdown: ends with a shutdown checkpoint, so the copy is consistent
    const meta: CacheMeta = {
      key,
      preset: plan.preset,
      seed: plan.seed,
      rows: stats.rows,
      user: primary.creds.user,
      password: primary.creds.password,
      database: primary.creds.database,
      seedSeconds: stats.seconds,
      createdAt: new Date().toISOString(),
      facts: plan.facts(),
    };
    // A cache that cannot be written (full disk, no permission) costs the next run a seed, not this run its result.
    const stored = await storeEntry(plan.cacheDir, primary.dataDir, meta).catch((e: Error) => e);
    if (stored instanceof Error) plan.log(`seed: not cached — ${stored.message}`);
    else
      plan.log(stored ? `seed: stored in the seeded-database cache (${join(plan.cacheDir, key)})` : 'seed: already cached by another run');
    checkInterrupted();
    primary.proc = await startServer('postgres-primary', bins, primary.dataDir, port, join(root, 'primary.log'));
    await waitReady(primary.proc, primary.adminUrl);
  }
  return { primary, seeded: { cached: false, seconds: (performance.now() - t1) / 1000, rows: stats.rows } };
}

/** Starts a copy of a cached data directory, with a new password (each run has its own credentials). */
async function startFromEntry(root: string, port: number, bins: PgBinaries, dataDir: string, meta: CacheMeta): Promise<RunningPostgres> {
  const target = join(root, 'primary');
  const ids = runAs();
  chownTree(root, ids); // as root, postgres runs as its own user, who must be able to enter the (0700) temp dir
  restoreEntry({ dir: dataDir, dataDir, meta }, target, ids);
  checkInterrupted();
  const proc = await startServer('postgres-primary', bins, target, port, join(root, 'primary.log'));
  const old = { user: meta.user, password: meta.password, database: meta.database };
  await waitReady(proc, connectionUrl(port, old, 'postgres'));
  const creds = { ...old, password: randomBytes(12).toString('hex') };
  const c = new pg.Client({ connectionString: connectionUrl(port, old, 'postgres') });
  await c.connect();
  try {
    // Hex only: safe to inline (ALTER ROLE takes no bind parameters).
    await c.query(`ALTER ROLE ${creds.user} PASSWORD '${creds.password}'`);
  } finally {
    await c.end();
  }
  const url = connectionUrl(port, creds);
  return { url, adminUrl: connectionUrl(port, creds, 'postgres'), port, dataDir: target, creds, version: await serverVersion(url), proc };
}
