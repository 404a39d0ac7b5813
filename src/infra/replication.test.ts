import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { makeTempDir, runCleanups } from '../core/lifecycle.ts';
import { freePort, waitFor } from '../core/net.ts';
import { pgBinaries, startPrimary, type RunningPostgres } from './local/postgres.ts';
import { startReplica, type RunningReplica } from './local/replica.ts';
import { missingPostgres, skipIfMissing } from '../testing/backends.ts';
import { replicaLag, waitForReplica } from './replication.ts';

const missing = await missingPostgres();

/** A primary whose pg_hba has no replication rules, so startReplica must add one (its fallback path). */
async function dropReplicationRules(primary: RunningPostgres): Promise<void> {
  const file = join(primary.dataDir, 'pg_hba.conf');
  const kept = readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => !/^\s*(local|host)\w*\s+replication\s/.test(l));
  writeFileSync(file, kept.join('\n'));
  const c = new pg.Client({ connectionString: primary.adminUrl });
  await c.connect();
  await c.query('SELECT pg_reload_conf()');
  await c.end();
}

describe('replicaLag and waitForReplica', () => {
  const root = makeTempDir('replication-test');
  let primary: RunningPostgres;
  let replica: RunningReplica;
  let onPrimary: pg.Pool;
  let onReplica: pg.Client;

  before(async () => {
    if (missing) return;
    const bins = await pgBinaries();
    primary = await startPrimary(root.path, await freePort(), bins);
    await dropReplicationRules(primary);
    replica = await startReplica(root.path, primary, bins);
    onPrimary = new pg.Pool({ connectionString: primary.url, max: 2 });
    onReplica = new pg.Client({ connectionString: replica.url });
    await onReplica.connect();
  });
  after(async () => {
    await onReplica?.end().catch(() => {});
    await onPrimary?.end().catch(() => {});
    await runCleanups();
  });

  it('measures WAL bytes behind while replay is paused, and waitForReplica times out', async (t) => {
    if (skipIfMissing(t, missing)) return;
    // Pausing replay (the WAL still streams) is the deterministic way to make a real replica fall behind.
    await onReplica.query('SELECT pg_wal_replay_pause()');
    await waitFor(
      'replay to pause',
      async () => {
        const r = await onReplica.query<{ s: string }>('SELECT pg_get_wal_replay_pause_state() AS s');
        return r.rows[0]?.s === 'paused';
      },
      5000,
    );
    await onPrimary.query('CREATE TABLE lagged AS SELECT g AS id, repeat(md5(g::text), 4) AS pad FROM generate_series(1, 2000) g');
    const lag = await replicaLag(onPrimary, onReplica);
    assert.ok(lag.bytes > 100_000, `expected >100 kB behind, got ${lag.bytes} bytes`);
    assert.ok(Number.isFinite(lag.ms) && lag.ms >= 0, `lag ms should be a non-negative number, got ${lag.ms}`);
    const hidden = await onReplica.query("SELECT to_regclass('lagged') IS NULL AS missing");
    assert.equal(hidden.rows[0]?.missing, true);
    await assert.rejects(waitForReplica(primary.url, replica.url, 500), /timed out after 500 ms.*replayed so far: \d+\/[0-9A-F]+/);
  });

  it('catches up after replay resumes: rows visible, lag 0', async (t) => {
    if (skipIfMissing(t, missing)) return;
    await onReplica.query('SELECT pg_wal_replay_resume()');
    await waitForReplica(primary.url, replica.url, 10_000);
    const r = await onReplica.query('SELECT count(*)::int AS n FROM lagged');
    assert.equal(r.rows[0]?.n, 2000);
    let lag = { bytes: -1, ms: -1 };
    await waitFor(
      'lag to read 0',
      async () => {
        lag = await replicaLag(onPrimary, onReplica);
        return lag.bytes === 0;
      },
      10_000,
    );
    assert.deepEqual(lag, { bytes: 0, ms: 0 });
  });

  it('added the loopback replication rule the primary lacked', (t) => {
    if (skipIfMissing(t, missing)) return;
    assert.match(readFileSync(join(primary.dataDir, 'pg_hba.conf'), 'utf8'), /^host replication all 127\.0\.0\.1\/32 scram-sha-256$/m);
  });

  it('refuses a "replica" that is not a standby, naming why', async (t) => {
    if (skipIfMissing(t, missing)) return;
    await assert.rejects(replicaLag(onPrimary, onPrimary), /not in recovery/);
    await assert.rejects(waitForReplica(primary.url, primary.url, 5000), /not in recovery/);
  });
});
