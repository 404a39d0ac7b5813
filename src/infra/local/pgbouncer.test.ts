// PgBouncer as the local provider runs it: Debian's binary in front of a real primary, transaction mode, generated
// credentials in files only its owner can read, stopped by PID with its directory removed.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import type { StartedInfra } from '../../core/infra.ts';
import { makeTempDir, runCleanups } from '../../core/lifecycle.ts';
import { isGone, missingPostgres, skipIfMissing } from '../../testing/backends.ts';
import { localProvider } from './index.ts';
import { findPgBouncer, PGBOUNCER_POOL_SIZE, startPgBouncer } from './pgbouncer.ts';

const noBinary = findPgBouncer() ? null : 'pgbouncer not found (install: apt-get install pgbouncer)';

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  c.on('error', () => {});
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end().catch(() => {});
  }
}

describe('local pgbouncer in front of the primary', () => {
  let infra: StartedInfra | null = null;
  let missing: string | null = null;

  before(async () => {
    missing = noBinary ?? (await missingPostgres());
    if (missing) return;
    infra = await localProvider().start(['postgres', 'pgbouncer']);
    const b = infra.backends.find((x) => x.need === 'pgbouncer');
    if (b?.status !== 'up') missing = `pgbouncer did not start: ${b?.reason}`;
  });
  after(async () => {
    await infra?.stop();
    await runCleanups();
  });

  it('passes queries to the primary on loopback, named as what it is', async (t) => {
    if (skipIfMissing(t, missing)) return;
    const e = infra!.endpoints.pgbouncer!;
    assert.match(e.server, new RegExp(`^PgBouncer 1\\.\\d+\\.\\d+ \\(transaction mode, pool ${PGBOUNCER_POOL_SIZE}\\)$`));
    assert.match(e.url, /^postgres:\/\/accessbench:[0-9a-f]{32}@127\.0\.0\.1:\d+\/accessbench$/);
    const port = await withClient(e.url, async (c) => (await c.query<{ port: number }>('SELECT inet_server_port() AS port')).rows[0]?.port);
    assert.equal(port, Number(new URL(infra!.endpoints.postgres!.url).port), 'the statement ran on the primary');
  });

  it('authenticates with its own generated password, not the primary’s, and refuses a wrong one', async (t) => {
    if (skipIfMissing(t, missing)) return;
    const bouncer = new URL(infra!.endpoints.pgbouncer!.url);
    const primary = new URL(infra!.endpoints.postgres!.url);
    assert.notEqual(bouncer.password, primary.password);
    const wrong = new URL(bouncer);
    wrong.password = primary.password;
    await assert.rejects(
      withClient(wrong.toString(), (c) => c.query('SELECT 1')),
      /password authentication failed|SASL|auth/i,
    );
  });

  it('lends server connections per transaction: a named statement does not survive onto another client', async (t) => {
    if (skipIfMissing(t, missing)) return;
    const url = infra!.endpoints.pgbouncer!.url;
    // Two pools of one client each: both are lent the same idle server connection in turn, so the second prepares a
    // name the server connection already holds — what breaks named statements in transaction mode.
    const a = new pg.Pool({ connectionString: url, max: 1 });
    const b = new pg.Pool({ connectionString: url, max: 1 });
    try {
      await a.query({ name: 'ab_test', text: 'SELECT $1::int AS v', values: [1] });
      await assert.rejects(
        b.query({ name: 'ab_test', text: 'SELECT $1::int AS v', values: [2] }),
        /prepared statement "ab_test" already exists/,
      );
      // Unnamed statements are safe whichever server connection runs them.
      assert.equal((await b.query({ text: 'SELECT $1::int AS v', values: [3] })).rows[0]?.v, 3);
    } finally {
      await a.end();
      await b.end();
    }
  });

  it('keeps its config and password file readable by their owner only', async (t) => {
    if (skipIfMissing(t, missing)) return;
    const pid = infra!.endpoints.pgbouncer!.pid!;
    const ini = readFileSync(`/proc/${pid}/cmdline`, 'utf8')
      .split('\0')
      .find((a) => a.endsWith('.ini'));
    assert.ok(ini, 'pgbouncer was started with its ini file');
    const dir = join(ini, '..');
    assert.equal(statSync(dir).mode & 0o077, 0, `${dir} is private`);
    for (const f of readdirSync(dir).filter((n) => /\.(ini|txt)$/.test(n))) {
      assert.equal(statSync(join(dir, f)).mode & 0o077, 0, `${f} is not readable by others`);
    }
  });

  it('stops by PID with the rest of the run, leaving no process and no directory', async (t) => {
    if (skipIfMissing(t, missing)) return;
    const pid = infra!.endpoints.pgbouncer!.pid!;
    const ini = readFileSync(`/proc/${pid}/cmdline`, 'utf8')
      .split('\0')
      .find((a) => a.endsWith('.ini'))!;
    await infra!.stop();
    infra = null;
    assert.ok(isGone(pid), `pgbouncer pid ${pid} still exists`);
    assert.equal(existsSync(ini), false);
  });
});

describe('pgbouncer: a missing binary', () => {
  it('says what is missing', async () => {
    await assert.rejects(
      startPgBouncer('/nonexistent', 'postgres://u:p@127.0.0.1:1/db', '/nonexistent/pgbouncer'),
      /not found or not executable/,
    );
  });

  it('fails fast, with the exit status, when the server dies at startup', async () => {
    const root = makeTempDir('pgbouncer-crash-test');
    const t0 = Date.now();
    try {
      await assert.rejects(startPgBouncer(root.path, 'postgres://u:p@127.0.0.1:1/db', '/bin/false'), /pgbouncer exited \(code 1\)/);
      assert.ok(Date.now() - t0 < 5000, 'should not wait out the readiness timeout');
    } finally {
      await root.remove();
    }
  });

  it('the local provider reports it unavailable with the reason, and the primary still starts', async (t) => {
    const m = await missingPostgres();
    if (skipIfMissing(t, m)) return;
    const infra = await localProvider({ pgbouncerBinary: '/nonexistent/pgbouncer' }).start(['postgres', 'pgbouncer']);
    try {
      const b = infra.backends.find((x) => x.need === 'pgbouncer');
      assert.equal(b?.status, 'unavailable');
      assert.match(b?.reason ?? '', /pgbouncer not found or not executable at \/nonexistent\/pgbouncer/);
      assert.equal(infra.endpoints.pgbouncer, undefined);
      assert.ok(infra.endpoints.postgres);
    } finally {
      await infra.stop();
      await runCleanups();
    }
  });
});
