// feed-mixed against real servers: every strategy's write shows in its next read of the page (verification, on each
// strategy's own copy of the data), a cache that keeps the old page fails that check, and a run's paced writer sends
// every strategy the same writes in every trial, whatever its speed.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Endpoints } from '../../src/core/infra.ts';
import { fillRoute } from '../../src/core/route.ts';
import { localProvider } from '../../src/infra/local/index.ts';
import { runBenchmark } from '../../src/runner/run.ts';
import { startStrategyServer } from '../../src/server/spawn.ts';
import { missingPostgres, skipIfMissing } from '../../src/testing/backends.ts';
import { loadScenario, loadStrategy } from '../../src/core/registry.ts';
import { findRedisServer } from '../../src/infra/local/redis.ts';
import { problemsOf, skipUnlessUp, startTestEnv, verifyIsolatedForTest, type TestEnv } from '../../src/testing/env.ts';
import { tinyProfile } from '../../src/testing/profile.ts';
import type { Verified } from '../../src/verify/scenario.ts';
import { verifyWrite } from '../../src/verify/write.ts';
import { WRITE_RATE } from './contract.ts';

/** The strategies feed-mixed times, as its manifest lists them (tests import no manifest). */
const FEED_MIXED = Object.keys((await loadScenario('feed-mixed')).strategies);

describe('feed-mixed: a comment shows in the next read of its page, for every strategy', () => {
  let env: TestEnv;
  let verified: Verified[] = [];
  let own = new Map<string, Endpoints>();
  before(async () => {
    env = await startTestEnv(['postgres', 'redis']);
    if (env.missing(['postgres', 'redis'])) return;
    ({ verified, own } = await verifyIsolatedForTest(env, 'feed-mixed-hot', FEED_MIXED, { samples: 6 }));
  });
  after(async () => {
    for (const v of verified) if (v.status === 'passed') await v.server.stop();
    await env?.stop();
  });

  it('every strategy passes, its write verified and costed (the read model writes a second row)', async (t) => {
    if (skipUnlessUp(t, env, ['postgres', 'redis'])) return;
    assert.deepEqual(verified.map((v) => v.strategy.name).sort(), [...FEED_MIXED].sort());
    const rows = new Map<string, number>();
    for (const v of verified) {
      assert.ok(v.status === 'passed', `${v.strategy.name}: ${problemsOf(v)}`);
      assert.equal(v.outcome?.cost.writes?.samples, 1, `${v.strategy.name}: its write was verified`);
      rows.set(v.strategy.name, v.outcome?.cost.writes?.rowsWrittenPerWrite ?? 0);
    }
    assert.equal(rows.get('pg-join'), 1);
    assert.equal(rows.get('pg-denormalized'), 2);
    // The view is maintained by its refresh, not by the write: one row, and the write showed within its bound.
    assert.equal(rows.get('pg-matview'), 1);
  });

  it('a cache that still serves the old page after the comment fails', async (t) => {
    if (skipUnlessUp(t, env, ['postgres', 'redis'])) return;
    // feed's in-process cache (feed-mixed times the Redis one, whose invalidation reaches every server) checked with
    // feed-mixed's write check: the write goes through one server, the read through another whose cache holds the
    // page from before.
    const scenario = await loadScenario('feed-mixed-hot');
    const { strategy } = await loadStrategy('feed', 'pg-cached-memory');
    const endpoints = own.get('pg-join') ?? env.infra.endpoints;
    const writer = await startStrategyServer({ scenario: 'feed', strategy: 'pg-cached-memory', endpoints, settings: {} });
    const reader = await startStrategyServer({ scenario: 'feed', strategy: 'pg-cached-memory', endpoints, settings: {} });
    try {
      const params = { page: '1' };
      const before = await reader.trace('GET', fillRoute(scenario.route.path, params));
      assert.equal(before.status, 200);
      const first = (JSON.parse(before.body) as { posts: Array<{ id: number }> }).posts[0];
      assert.ok(first);
      const server = { trace: (m: string, p: string, b?: string) => (m === 'GET' ? reader : writer).trace(m, p, b) };
      const check = await verifyWrite({ scenario, strategy, server, params, target: { id: String(first.id), page: '1' }, before });
      assert.equal(check.cost?.rowsWritten, 1);
      assert.equal(check.problems.length, 1);
      assert.match(check.problems[0] ?? '', /^read after its own write does not show it: \$\.posts\[0\]\.commentCount/);
    } finally {
      await writer.stop();
      await reader.stop();
    }
  });
});

describe('feed-mixed-hot run: paced writes', () => {
  it('every trial of every strategy receives the same writes, at the rate, and the result records how they were sent', async (t) => {
    if (skipIfMissing(t, (await missingPostgres()) ?? (findRedisServer() ? null : 'redis-server not on PATH'))) return;
    const names = FEED_MIXED;
    const profile = tinyProfile({ trialSec: 0.5, trials: 3, maxTrials: 3 });
    const result = await runBenchmark({
      selection: [{ scenario: 'feed-mixed-hot', strategies: names }],
      profile,
      seed: 42,
      provider: localProvider(),
      seedCache: null,
    });
    const sc = result.scenarios[0];
    assert.ok(sc);
    assert.equal(sc.writeRate, WRITE_RATE);
    assert.equal(sc.writeTarget, 'hot');
    assert.equal(sc.writeRatio, 0);
    const expected = Math.round(WRITE_RATE * profile.trialSec);
    for (const s of sc.strategies) {
      assert.equal(s.status, 'completed', `${s.strategy}: ${JSON.stringify(s).slice(0, 300)}`);
      if (s.status !== 'completed') continue;
      const trials = s.levels[0]?.trials ?? [];
      assert.ok(trials.length >= 3, s.strategy);
      // The writer sends a fixed count: equal for every trial of every strategy, fast or slow.
      for (const tr of trials) assert.equal(tr.mixed?.writes, expected, `${s.strategy} trial ${tr.index}`);
      // Hot writes invalidate pages being read: the in-process cache both hits and misses over the trials.
      const hits = trials.map((tr) => tr.server?.cacheHitRatio ?? null);
      if (s.strategy === 'pg-cached-redis')
        assert.ok(hits.some((h) => h !== null && h > 0) && hits.some((h) => h !== null && h < 1), `hit ratios ${hits.join(', ')}`);
      assert.ok(
        trials.reduce((n, tr) => n + (tr.mixed?.staleChecks ?? 0), 0) > 0,
        `${s.strategy}: the stale-read probe checked reads of written posts`,
      );
    }
  });
});
