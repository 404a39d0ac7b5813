// The pooling scenario against real servers: every strategy (the full sweep included) verified against the reference
// through a real PgBouncer, and a quick run whose result carries the figures the report's section is built from —
// the fixed concurrency, the wait for a pooled connection, connection setup per request, the server connections held.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { runCleanups } from '../../src/core/lifecycle.ts';
import { loadScenario } from '../../src/core/registry.ts';
import { PGBOUNCER_POOL_SIZE } from '../../src/infra/local/pgbouncer.ts';
import { localProvider } from '../../src/infra/local/index.ts';
import type { Result, StrategyResult } from '../../src/results/schema.ts';
import { parityOf } from '../../src/runner/describe.ts';
import { runBenchmark } from '../../src/runner/run.ts';
import { missingPostgres, skipIfMissing } from '../../src/testing/backends.ts';
import { loadAll, problemsOf, skipUnlessUp, startTestEnv, verifyForTest, type TestEnv } from '../../src/testing/env.ts';
import { isolateStrategies } from '../../src/runner/isolate.ts';
import { tinyProfile } from '../../src/testing/profile.ts';
import type { Verified } from '../../src/verify/scenario.ts';
import { POOLING_CONNECTIONS } from './contract.ts';

describe('pooling: verification through the real PgBouncer', () => {
  let env: TestEnv;
  let verified: Verified[] = [];

  before(async () => {
    env = await startTestEnv(['postgres', 'pgbouncer']);
    if (env.missing(['postgres', 'pgbouncer'])) return;
    const names = Object.keys((await loadScenario('pooling')).strategies);
    verified = await verifyForTest(env, 'pooling', names, 12);
  });
  after(async () => {
    for (const v of verified) if (v.status === 'passed') await v.server.stop();
    await env?.stop();
    await runCleanups();
  });

  it('every strategy returns the reference payload with the one statement it declares', (t) => {
    if (skipUnlessUp(t, env, ['postgres', 'pgbouncer'])) return;
    assert.equal(verified.length, 9);
    for (const v of verified) {
      assert.equal(v.status, 'passed', `${v.strategy.name}: ${problemsOf(v)}`);
      if (v.status === 'passed') assert.equal(v.outcome.cost.queriesPerRequest, 1, v.strategy.name);
    }
  });

  it('through PgBouncer, statements are unnamed; pooled directly, prepared once per connection', (t) => {
    if (skipUnlessUp(t, env, ['postgres', 'pgbouncer'])) return;
    for (const v of verified) {
      if (v.status !== 'passed') continue;
      const viaBouncer = v.strategy.needs.includes('pgbouncer');
      assert.equal(v.strategy.parity.preparedStatements, !viaBouncer && v.strategy.parity.connection !== 'per request', v.strategy.name);
    }
  });

  it('answers bad input with a 400 and a missing post with a 404', async (t) => {
    if (skipUnlessUp(t, env, ['postgres', 'pgbouncer'])) return;
    const v = verified.find((x) => x.strategy.name === 'pg-pgbouncer');
    assert.ok(v?.status === 'passed');
    assert.equal((await v.server.trace('GET', '/posts/abc')).status, 400);
    assert.equal((await v.server.trace('GET', '/posts/999999999')).status, 404);
  });

  it('the parity manifest records each strategy’s own pool size, not the run’s', async () => {
    const scenario = await loadScenario('pooling');
    const pool = async (name: string) => parityOf((await scenario.strategies[name]!()).default, { poolSize: 20 }).pool;
    assert.equal(await pool('pg-pool-1'), 1);
    assert.equal(await pool('pg-pool-50'), 50);
    assert.equal(await pool('pg-per-request'), 0);
  });
});

type Completed = Extract<StrategyResult, { status: 'completed' }>;

describe('pooling: PgBouncer and writing scenarios on one server', () => {
  let env2: TestEnv;
  before(async () => {
    env2 = await startTestEnv(['postgres', 'pgbouncer']);
  });
  after(async () => {
    await env2?.stop();
    await runCleanups();
  });

  it('the seeded database can still be copied for a writing scenario while PgBouncer holds server connections', async (t) => {
    if (skipUnlessUp(t, env2, ['postgres', 'pgbouncer'])) return;
    // Through PgBouncer, as the pooling strategies did: it keeps the server connection after the client leaves.
    const c = new pg.Client({ connectionString: env2.infra.endpoints.pgbouncer?.url });
    await c.connect();
    await c.query('SELECT 1');
    await c.end();
    const { strategies } = await loadAll('mixed', ['pg-join']);
    const own = await isolateStrategies(env2.infra.endpoints, 'mixed', strategies, env2.dataset, () => {});
    const url = own.get('pg-join')?.postgres?.url ?? '';
    assert.match(url, /\/ab_mixed_pg_join$/);
  });
});

describe('pooling: a quick run records connection waits, setup and counts', () => {
  let result: Result | null = null;
  let missing: string | null = null;

  before(async () => {
    missing = await missingPostgres();
    if (missing) return;
    const profile = tinyProfile({ warmupSec: 0.3, trialSec: 0.5, trials: 2, maxTrials: 2, coldRequests: 0, micro: 'off' });
    result = await runBenchmark({
      selection: [{ scenario: 'pooling', strategies: ['pg-pool-10', 'pg-per-request', 'pg-pgbouncer'] }],
      profile,
      seed: 42,
      provider: localProvider(),
    });
    const b = result.infra.backends.find((x) => x.need === 'pgbouncer');
    if (b?.status !== 'up') missing = `pgbouncer: ${b?.reason}`;
  });
  after(async () => {
    await runCleanups();
  });

  const strategy = (name: string): Completed => {
    const s = result?.scenarios[0]?.strategies.find((x) => x.strategy === name);
    assert.equal(s?.status, 'completed', `${name}: ${s && 'reason' in s ? s.reason : 'absent'}`);
    return s as Completed;
  };

  it('is measured at the scenario’s own concurrency, recorded in the result', (t) => {
    if (skipIfMissing(t, missing)) return;
    assert.equal(result!.scenarios[0]?.connections, POOLING_CONNECTIONS);
    for (const name of ['pg-pool-10', 'pg-per-request', 'pg-pgbouncer'])
      assert.deepEqual(
        strategy(name).levels.map((l) => l.connections),
        [POOLING_CONNECTIONS],
      );
  });

  it('every trial carries the wait for a connection, its setup, and sampled server connections', (t) => {
    if (skipIfMissing(t, missing)) return;
    for (const name of ['pg-pool-10', 'pg-per-request', 'pg-pgbouncer']) {
      for (const trial of strategy(name).levels[0]!.trials) {
        assert.equal(typeof trial.server?.poolWaitMicrosPerRequest, 'number', name);
        assert.equal(typeof trial.server?.connectMicrosPerRequest, 'number', name);
        assert.ok(trial.connections && trial.connections.samples > 0, `${name}: connection count sampled`);
      }
    }
  });

  it('a pool opens no connection per request and borrows one; a connection per request opens exactly one', (t) => {
    if (skipIfMissing(t, missing)) return;
    for (const trial of strategy('pg-pool-10').levels[0]!.trials) {
      assert.ok(trial.server!.connectsPerRequest! < 0.05, `pool: ${trial.server!.connectsPerRequest} connects/request`);
      assert.ok(trial.server!.poolWaitMicrosPerRequest! > 0);
    }
    for (const trial of strategy('pg-per-request').levels[0]!.trials) {
      assert.ok(Math.abs(trial.server!.connectsPerRequest! - 1) < 0.05, `per request: ${trial.server!.connectsPerRequest}`);
      assert.ok(trial.server!.connectMicrosPerRequest! > 0);
    }
  });

  it('server connections stay within the pool: 10 for the pool, PgBouncer’s 10 for an application pool of 50', (t) => {
    if (skipIfMissing(t, missing)) return;
    const max = (name: string) => Math.max(...strategy(name).levels[0]!.trials.map((x) => x.connections!.max));
    assert.ok(max('pg-pool-10') <= 10, `pg-pool-10 held ${max('pg-pool-10')}`);
    assert.ok(max('pg-pgbouncer') <= PGBOUNCER_POOL_SIZE, `pg-pgbouncer held ${max('pg-pgbouncer')}`);
    assert.ok(max('pg-pgbouncer') > 0 && max('pg-pool-10') > 0, 'the sampler saw the connections');
  });
});
