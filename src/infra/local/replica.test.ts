import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { makeTempDir, runCleanups } from '../../core/lifecycle.ts';
import { freePort, waitFor } from '../../core/net.ts';
import { replicaLag, waitForReplica } from '../replication.ts';
import { pgBinaries, startPrimary, type RunningPostgres } from './postgres.ts';
import { STANDBY_NAME, startReplica, type RunningReplica } from './replica.ts';
import { isGone, missingPostgres, skipIfMissing } from '../../testing/backends.ts';

const missing = await missingPostgres();

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

describe('startReplica: a streaming standby of the embedded primary', () => {
  const root = makeTempDir('replica-test');
  let primary: RunningPostgres;
  let replica: RunningReplica;

  before(async () => {
    if (missing) return;
    const bins = await pgBinaries();
    primary = await startPrimary(root.path, await freePort(), bins);
    replica = await startReplica(root.path, primary, bins);
  });
  after(async () => {
    await runCleanups();
  });

  it('is in recovery and seen streaming by the primary', async (t) => {
    if (skipIfMissing(t, missing)) return;
    const inRecovery = await withClient(replica.url, (c) => c.query('SELECT pg_is_in_recovery() AS r'));
    assert.equal(inRecovery.rows[0]?.r, true);
    const rep = await withClient(primary.adminUrl, (c) =>
      c.query('SELECT state, host(client_addr) AS addr FROM pg_stat_replication WHERE application_name = $1', [STANDBY_NAME]),
    );
    assert.equal(rep.rows[0]?.state, 'streaming');
    assert.equal(rep.rows[0]?.addr, '127.0.0.1');
    assert.notEqual(replica.port, primary.port);
    // initdb's own pg_hba already allows loopback replication, so nothing was appended.
    assert.doesNotMatch(readFileSync(join(primary.dataDir, 'pg_hba.conf'), 'utf8'), /accessbench streaming standby/);
  });

  it('shows rows written on the primary once waitForReplica returns', async (t) => {
    if (skipIfMissing(t, missing)) return;
    await withClient(primary.url, async (c) => {
      await c.query('CREATE TABLE replicated (id int PRIMARY KEY, note text)');
      await c.query("INSERT INTO replicated SELECT g, 'row ' || g FROM generate_series(1, 500) g");
    });
    await waitForReplica(primary.url, replica.url, 10_000);
    const r = await withClient(replica.url, (c) => c.query('SELECT count(*)::int AS n, max(note) AS m FROM replicated'));
    assert.deepEqual(r.rows[0], { n: 500, m: 'row 99' });
  });

  it('refuses writes (read-only transaction)', async (t) => {
    if (skipIfMissing(t, missing)) return;
    await withClient(replica.url, async (c) => {
      await assert.rejects(c.query("INSERT INTO replicated VALUES (1000, 'no')"), (e: Error & { code?: string }) => {
        assert.equal(e.code, '25006'); // read_only_sql_transaction
        return true;
      });
    });
  });

  it('reports zero lag once caught up', async (t) => {
    if (skipIfMissing(t, missing)) return;
    const p = new pg.Pool({ connectionString: primary.url, max: 1 });
    const r = new pg.Client({ connectionString: replica.url });
    await r.connect();
    try {
      await waitForReplica(primary.url, replica.url, 10_000);
      // The primary may write a little background WAL (running-xacts records); it is replayed within moments.
      let last = { bytes: -1, ms: -1 };
      await waitFor(
        'replica lag to read 0',
        async () => {
          last = await replicaLag(p, r);
          return last.bytes === 0;
        },
        10_000,
      );
      assert.deepEqual(last, { bytes: 0, ms: 0 });
    } finally {
      await r.end();
      await p.end();
    }
  });

  it('stops both servers by PID and removes the temp dir', async (t) => {
    if (skipIfMissing(t, missing)) return;
    const failures = await runCleanups();
    assert.deepEqual(failures, []);
    assert.ok(isGone(primary.proc.pid), `primary pid ${primary.proc.pid} still exists`);
    assert.ok(isGone(replica.proc.pid), `replica pid ${replica.proc.pid} still exists`);
    assert.equal(existsSync(root.path), false);
  });
});

describe('startReplica: a standby that dies at startup', () => {
  after(async () => {
    await runCleanups();
  });

  it('fails fast with the exit status and releases the replication slot', async (t) => {
    if (skipIfMissing(t, missing)) return;
    const root = makeTempDir('replica-crash-test'); // here, not at collection: the suite above runs every cleanup
    const bins = await pgBinaries();
    const primary = await startPrimary(root.path, await freePort(), bins);
    const t0 = Date.now();
    await assert.rejects(startReplica(root.path, primary, { ...bins, postgres: '/bin/false' }), /postgres-replica exited \(code 1\)/);
    assert.ok(Date.now() - t0 < 15_000, 'should not wait out the readiness timeout');
    // A leftover slot would make the primary keep WAL for a standby that never comes.
    const slots = await withClient(primary.adminUrl, (c) => c.query('SELECT slot_name FROM pg_replication_slots'));
    assert.deepEqual(slots.rows, []);
  });
});
