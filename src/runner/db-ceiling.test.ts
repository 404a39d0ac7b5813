import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import pg from 'pg';
import { installSignalHandlers } from '../core/lifecycle.ts';
import { loadScenario } from '../core/registry.ts';
import type { DbReference, Scenario } from '../core/scenario.ts';
import { requestStream } from '../load/stream.ts';
import { startTestEnv, skipUnlessUp, type TestEnv } from '../testing/env.ts';
import { findPgbench, measureDbCeiling, replayedParams, type DbCeiling } from './db-ceiling.ts';
import { combineDbCeilings, dbCeilingLevel } from './db-ceiling-level.ts';
import { pgbenchScript, pgbenchSql } from './db-ceiling-pgbench.ts';

const PGBENCH = findPgbench();
/** Skips loudly without pgbench; under CI=true (where .ci/run installs it) that is a failure. */
function noPgbench(t: { skip: (why: string) => void }): void {
  assert.notEqual(process.env.CI, 'true', 'pgbench is not on PATH (.ci/run installs postgresql-client)');
  t.skip('pgbench is not on PATH');
}
const url = (env: TestEnv): string => env.infra.endpoints.postgres?.url as string;

/** Temp dirs of this module, and processes it started (children of this test process), that are still around. */
function leftovers(): string[] {
  const dirs = readdirSync(tmpdir()).filter((n) => n.startsWith('accessbench-db-ceiling-'));
  const procs: string[] = [];
  for (const pid of readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
      if (ppid === process.pid && /pgbench|db-ceiling-loop/.test(cmd)) procs.push(`${pid} ${cmd}`);
    } catch {
      /* gone */
    }
  }
  return [...dirs, ...procs];
}

describe('database ceiling: the statement and its parameters', () => {
  it('replays the reads of the HTTP load: the same params, in the same order, for the same seed', async () => {
    const scenario = await loadScenario('post-detail');
    const env = { info: (await startInfoOnly()).info };
    const next = requestStream(scenario, env.info, 43);
    const paths = Array.from({ length: 500 }, () => next().path);
    const ids = replayedParams(scenario, env.info, 43, 500).map((p) => `/posts/${p.id}`);
    assert.deepEqual(ids, paths);
    // Zipf-hot: far fewer distinct ids than draws.
    assert.ok(new Set(ids).size < 400, `${new Set(ids).size} distinct ids in 500 draws`);
  });

  it('rewrites placeholders and colon-bearing literals for pgbench, leaving casts and quoted identifiers alone', () => {
    const sql = `SELECT to_char(x, 'HH24:MI:SS'), 'it''s', $1::int, y COLLATE "C" FROM t WHERE a = $2 -- a: note`;
    assert.equal(pgbenchSql(sql), `SELECT to_char(x, E'HH24\\x3aMI\\x3aSS'), 'it''s', :a1::int, y COLLATE "C" FROM t WHERE a = :a2;\n`);
    assert.throws(() => pgbenchSql('SELECT $tag$x$tag$'), /dollar quoting/);
    assert.throws(() => pgbenchSql('SELECT a[1:2] FROM t'), /lone colon/);
    assert.throws(() => pgbenchScript('SELECT $1', [[1], [2, 3]], 1), /integers of one length/);
  });

  it('combines interleaved runs: median tps, every run kept, statement-weighted mean latency', () => {
    const run = (tps: number, statements: number, mean: number, p50: number | null): DbCeiling => ({
      scenario: 'post-detail',
      connections: 16,
      statement: "pg-join's statement",
      tool: 'pgbench 15.18, -M prepared, -j 2',
      tps,
      trials: [tps],
      statements,
      latencyUs: { mean, p50, p99: p50 },
      durationSec: 2,
      draws: 10,
      distinct: 5,
      server: 'PostgreSQL 17.10',
    });
    const c = combineDbCeilings([run(300, 100, 10, 5), run(100, 300, 30, 7), run(200, 100, 20, 6)]);
    assert.equal(c.tps, 200);
    assert.deepEqual(c.trials, [300, 100, 200]);
    assert.equal(c.statements, 500);
    assert.equal(c.latencyUs.mean, (10 * 100 + 30 * 300 + 20 * 100) / 500);
    assert.equal(c.latencyUs.p50, 6);
    assert.equal(c.durationSec, 6);
    assert.equal(combineDbCeilings([run(1, 1, 1, 1), run(3, 1, 1, null)]).latencyUs.p50, null);
    assert.throws(() => combineDbCeilings([]), /at least one run/);
  });
});

/** The dataset facts without a server: replayedParams needs only DatasetInfo. */
async function startInfoOnly() {
  const { describeDataset, generateDataset } = await import('../../datasets/index.ts');
  return { info: describeDataset(generateDataset('tiny', 42)) };
}

describe('database ceiling against PostgreSQL', () => {
  let env: TestEnv;
  before(async () => {
    env = await startTestEnv(['postgres']);
  });
  after(async () => {
    await env?.stop();
  });

  for (const name of ['post-detail', 'feed', 'user-summary']) {
    it(`${name}: pgbench drives pg-join's statement (tps > 0) and leaves nothing behind`, async (t) => {
      if (skipUnlessUp(t, env, ['postgres'])) return;
      if (!PGBENCH) return noPgbench(t);
      const scenario = await loadScenario(name);
      const c = await measureDbCeiling({ scenario, info: env.info, seed: 42, postgresUrl: url(env), connections: 2, durationSec: 1 });
      assert.ok(c, 'a ceiling');
      assert.match(c.tool, /^pgbench \d+\.\d+, -M prepared/);
      assert.equal(c.statement, "pg-join's statement");
      assert.ok(c.tps > 0 && c.statements > 0, `tps ${c.tps}, ${c.statements} statements`);
      assert.match(c.server, /^PostgreSQL \d+/);
      assert.ok(c.distinct > 1 && c.distinct < c.draws, `${c.distinct} distinct of ${c.draws}`);
      assert.deepEqual(leftovers(), []);
    });
  }

  it("a trial shorter than a second (the quick profile's) runs pgbench for one whole second, and says so", async (t) => {
    if (skipUnlessUp(t, env, ['postgres'])) return;
    if (!PGBENCH) return noPgbench(t);
    const scenario = await loadScenario('post-detail');
    const c = await measureDbCeiling({ scenario, info: env.info, seed: 42, postgresUrl: url(env), connections: 2, durationSec: 0.5 });
    assert.ok(c && c.tps > 0, 'a ceiling');
    assert.equal(c.durationSec, 1);
  });

  it('without pgbench, the pg driver loop drives it in a child process (tps > 0, percentiles)', async (t) => {
    if (skipUnlessUp(t, env, ['postgres'])) return;
    const scenario = await loadScenario('post-detail');
    const c = await measureDbCeiling({
      scenario,
      info: env.info,
      seed: 42,
      postgresUrl: url(env),
      connections: 2,
      durationSec: 1,
      pgbench: null,
    });
    assert.ok(c);
    assert.match(c.tool, /^pg driver loop/);
    assert.ok(c.tps > 0 && c.statements > 0);
    assert.ok(c.latencyUs.p50 !== null && c.latencyUs.p50 > 0);
    assert.deepEqual(leftovers(), []);
  });

  // A statement that records what it is given: the rows, in insertion order, must be the replayed list itself.
  for (const tool of ['pgbench', 'loop'] as const) {
    it(`${tool}: each connection replays the intended parameter list in order, wrapping around`, async (t) => {
      if (skipUnlessUp(t, env, ['postgres'])) return;
      if (tool === 'pgbench' && !PGBENCH) return noPgbench(t);
      const db = new pg.Client({ connectionString: url(env) });
      await db.connect();
      try {
        await db.query('DROP TABLE IF EXISTS ceiling_trace; CREATE TABLE ceiling_trace (n serial, v int, w int, s text)');
        const base = await loadScenario('post-detail');
        const trace: DbReference = {
          label: 'a tracing insert',
          sql: `INSERT INTO ceiling_trace (v, w, s) VALUES ($1, $2, 'at 12:00')`,
          args: (p) => [Number(p.id), Number(p.id) * 2 + 1],
        };
        const scenario: Scenario = { ...base, dbReference: async () => trace };
        const draws = 37;
        const c = await measureDbCeiling({
          scenario,
          info: env.info,
          seed: 42,
          postgresUrl: url(env),
          connections: 1,
          durationSec: 1,
          draws,
          pgbench: tool === 'pgbench' ? PGBENCH : null,
        });
        assert.ok(c);
        const rows = (await db.query<{ v: number; w: number; s: string }>('SELECT v, w, s FROM ceiling_trace ORDER BY n')).rows;
        assert.ok(rows.length > draws, `${rows.length} rows: the list must wrap around at least once`);
        const want = replayedParams(scenario, env.info, 43, draws).map((p) => Number(p.id));
        rows.forEach((r, i) => {
          const v = want[i % draws] as number;
          assert.deepEqual(r, { v, w: v * 2 + 1, s: 'at 12:00' }, `row ${i}`);
        });
      } finally {
        await db.query('DROP TABLE IF EXISTS ceiling_trace').catch(() => {});
        await db.end();
      }
    });
  }

  it('mixed has no database ceiling, and says why', async () => {
    const lines: string[] = [];
    const c = await measureDbCeiling({
      scenario: await loadScenario('mixed'),
      info: env.info,
      seed: 42,
      postgresUrl: 'postgres://unused@127.0.0.1:1/x',
      connections: 1,
      durationSec: 1,
      log: (l) => lines.push(l),
    });
    assert.equal(c, null);
    assert.match(lines.join('\n'), /mixed: no database ceiling — a read-only statement is no ceiling for a read\/write mix/);
  });

  for (const tool of ['pgbench', 'loop'] as const) {
    it(`${tool}: an unreachable database fails with one clear line, without the password, and leaves nothing behind`, async (t) => {
      if (tool === 'pgbench' && !PGBENCH) return noPgbench(t);
      const scenario = await loadScenario('post-detail');
      await assert.rejects(
        measureDbCeiling({
          scenario,
          info: env.info,
          seed: 42,
          postgresUrl: 'postgres://u:s3cret@127.0.0.1:1/x',
          connections: 1,
          durationSec: 1,
          pgbench: tool === 'pgbench' ? PGBENCH : null,
        }),
        (e: Error) => {
          assert.match(e.message, /^database ceiling \(post-detail\): cannot reach postgres:\/\/u:\*\*\*@127\.0\.0\.1:1\/x: .+/);
          assert.doesNotMatch(e.message, /s3cret|\n/);
          return true;
        },
      );
      assert.deepEqual(leftovers(), []);
    });
  }

  it('a statement the server rejects fails with its error on one line', async (t) => {
    if (skipUnlessUp(t, env, ['postgres'])) return;
    const base = await loadScenario('post-detail');
    const bad: Scenario = {
      ...base,
      dbReference: async () => ({ label: 'bad', sql: 'SELECT * FROM no_such_table WHERE id = $1', args: (p) => [Number(p.id)] }),
    };
    for (const bin of [PGBENCH, null]) {
      await assert.rejects(
        measureDbCeiling({ scenario: bad, info: env.info, seed: 42, postgresUrl: url(env), connections: 1, durationSec: 1, pgbench: bin }),
        (e: Error) => {
          assert.match(e.message, /^database ceiling \(post-detail\): (pgbench|the pg driver loop) failed: .*no_such_table/);
          assert.doesNotMatch(e.message, /\n/);
          return true;
        },
      );
      assert.deepEqual(leftovers(), []);
    }
  });

  it('a level runs once per round and combines the runs; a failing level logs one line and stops trying', async (t) => {
    if (skipUnlessUp(t, env, ['postgres'])) return;
    const scenario = await loadScenario('post-detail');
    const level = dbCeilingLevel({
      scenario,
      info: env.info,
      seed: 42,
      postgresUrl: url(env),
      connections: 2,
      durationSec: 1,
      pgbench: PGBENCH,
    });
    await level.trial();
    await level.trial();
    const c = level.result();
    assert.ok(c);
    assert.equal(c.trials.length, 2);
    assert.ok(c.trials.every((x) => x > 0));
    const lines: string[] = [];
    const down = dbCeilingLevel({
      scenario,
      info: env.info,
      seed: 42,
      postgresUrl: 'postgres://u@127.0.0.1:1/x',
      connections: 2,
      durationSec: 1,
      log: (l) => lines.push(l),
    });
    await down.trial();
    await down.trial();
    assert.equal(down.result(), null);
    assert.equal(lines.filter((l) => /cannot reach/.test(l)).length, 1, lines.join('\n'));
    assert.deepEqual(leftovers(), []);
  });

  // Last: the interrupted state is process-wide and stays set.
  it('Ctrl-C stops pgbench (or the loop) at once and removes its temp dir', async (t) => {
    if (skipUnlessUp(t, env, ['postgres'])) return;
    installSignalHandlers();
    const scenario = await loadScenario('post-detail');
    const run = measureDbCeiling({
      scenario,
      info: env.info,
      seed: 42,
      postgresUrl: url(env),
      connections: 1,
      durationSec: 120,
      pgbench: PGBENCH,
    });
    const outcome = run.then(
      () => 'finished',
      (e: Error) => e.name,
    );
    for (let i = 0; i < 200 && leftovers().every((l) => l.startsWith('accessbench-')); i++) await new Promise((r) => setTimeout(r, 50));
    assert.ok(
      leftovers().some((l) => !l.startsWith('accessbench-')),
      'the driving process started',
    );
    process.kill(process.pid, 'SIGINT');
    assert.equal(await outcome, 'InterruptedError');
    assert.deepEqual(leftovers(), []);
  });
});
