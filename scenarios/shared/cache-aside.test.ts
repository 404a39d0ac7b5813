// pg-cached-memcached in every scenario that has pg-cached-redis, through a real memcached (and Redis beside it): each
// passes verification (the reference payload, its declared queries and cache round trips per request), a miss is
// GET + SET and a hit one GET in both caches, a write through it deletes the one key it changed (verified as a run
// verifies the mixed load's write path), and a cache that is gone fails requests instead of quietly bypassing itself.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { loadStrategy } from '../../src/core/registry.ts';
import { createRng } from '../../src/core/rng.ts';
import { memcachedClient } from '../../src/infra/memcached-client.ts';
import { flushCaches } from '../../src/seed/index.ts';
import { startStrategyServer } from '../../src/server/spawn.ts';
import { problemsOf, skipUnlessUp, startTestEnv, verifyForTest, type TestEnv } from '../../src/testing/env.ts';
import { verifyScenario, type Verified } from '../../src/verify/scenario.ts';
import type { StrategyServer } from '../../src/server/spawn.ts';

const PAIR = ['pg-cached-redis', 'pg-cached-memcached'];
const SCENARIOS = ['post-detail', 'feed', 'user-summary'];
const NEEDS = ['postgres', 'redis', 'memcached'] as const;

describe('pg-cached-memcached against pg-cached-redis, through real servers', () => {
  let env: TestEnv;
  const verified = new Map<string, Verified[]>();

  before(async () => {
    env = await startTestEnv(NEEDS);
    if (env.missing(NEEDS)) return;
    for (const scenario of SCENARIOS) verified.set(scenario, await verifyForTest(env, scenario, PAIR));
  });
  after(async () => {
    for (const vs of verified.values()) for (const v of vs) if (v.status === 'passed') await v.server.stop();
    await env?.stop();
  });

  const server = (scenario: string, name: string): StrategyServer => {
    const v = verified.get(scenario)?.find((x) => x.strategy.name === name);
    assert.ok(v?.status === 'passed', `${scenario}/${name} passed verification`);
    return v.server;
  };

  for (const scenario of SCENARIOS) {
    it(`${scenario}: both pass verification, with the same cache round trips per first and repeated read`, (t) => {
      if (skipUnlessUp(t, env, NEEDS)) return;
      const costs = PAIR.map((name) => {
        const v = verified.get(scenario)?.find((x) => x.strategy.name === name);
        assert.ok(v, `${name} was verified`);
        assert.equal(v.status, 'passed', problemsOf(v));
        return v.outcome?.cost;
      });
      const [redis, memcached] = costs;
      assert.ok(memcached?.cacheRoundTripsPerRequest !== undefined, 'round trips recorded');
      assert.ok((memcached.cacheRoundTripsPerRepeat ?? 0) > 0, 'a repeated read still asks the cache');
      assert.equal(memcached.cacheRoundTripsPerRequest, redis?.cacheRoundTripsPerRequest);
      assert.equal(memcached.cacheRoundTripsPerRepeat, redis?.cacheRoundTripsPerRepeat);
      assert.equal(memcached.queriesPerRequest, redis?.queriesPerRequest);
    });
  }

  it('post-detail: a miss is 1 query + GET + SET, a hit 0 queries + 1 GET, in both caches', async (t) => {
    if (skipUnlessUp(t, env, NEEDS)) return;
    for (const [i, name] of PAIR.entries()) {
      const s = server('post-detail', name);
      // A post verification's sample did not touch: the last ones.
      const path = `/posts/${env.info.counts.posts - i}`;
      const m0 = await s.metrics();
      const first = await s.trace('GET', path);
      const second = await s.trace('GET', path);
      assert.deepEqual([first.status, first.queries, first.cacheRoundTrips], [200, 1, 2], `${name} miss`);
      assert.deepEqual([second.status, second.queries, second.cacheRoundTrips], [200, 0, 1], `${name} hit`);
      assert.equal(second.body, first.body);
      const m1 = await s.metrics();
      assert.equal((m1.cacheRoundTrips ?? 0) - (m0.cacheRoundTrips ?? 0), 3, `${name}: the server's counter agrees`);
      assert.ok((m1.cacheMicros ?? 0) > (m0.cacheMicros ?? 0), `${name}: round trips are timed`);
    }
  });

  it('feed: a page beyond the hot head never reaches the cache', async (t) => {
    if (skipUnlessUp(t, env, NEEDS)) return;
    const r = await server('feed', 'pg-cached-memcached').trace('GET', '/feed?page=51');
    assert.deepEqual([r.status, r.queries, r.cacheRoundTrips], [200, 1, 0]);
  });

  it('mixed: the write path verifies (the next read shows the comment) and costs one DELETE', async (t) => {
    if (skipUnlessUp(t, env, NEEDS)) return;
    const { scenario, strategy } = await loadStrategy('mixed', 'pg-cached-memcached');
    // As a run does before verifying: the reads above left entries that would turn the first reads into hits.
    await flushCaches(env.infra.endpoints);
    const [v] = await verifyScenario({
      scenario,
      strategies: [strategy],
      endpoints: env.infra.endpoints,
      isolated: true,
      samples: scenario.sample(env.info, 10, createRng(11)),
      factsCtx: env.factsCtx,
    });
    assert.ok(v);
    if (v.status === 'passed') await v.server.stop();
    assert.equal(v.status, 'passed', problemsOf(v));
    assert.equal(v.outcome.cost.writes?.queriesPerWrite, 1);
    assert.equal(v.outcome.cost.cacheRoundTripsPerWrite, 1);
  });

  it('a write deletes the cached key in memcached itself, after the commit', async (t) => {
    if (skipUnlessUp(t, env, NEEDS)) return;
    const s = server('post-detail', 'pg-cached-memcached');
    const id = env.info.counts.posts - 5;
    const key = `post-detail:${id}`;
    const client = await memcachedClient(env.infra.endpoints.memcached?.url ?? '');
    try {
      assert.equal((await s.trace('GET', `/posts/${id}`)).status, 200);
      assert.notEqual((await client.get(key)).value, null, 'the read cached the payload');
      const w = await s.trace('POST', `/posts/${id}/comments`, JSON.stringify({ authorId: 3, body: 'invalidate me' }));
      assert.equal(w.status, 201, w.body);
      assert.equal(w.cacheRoundTrips, 1, 'one DELETE');
      assert.equal((await client.get(key)).value, null, 'the key is gone');
      const after = await s.trace('GET', `/posts/${id}`);
      assert.match(after.body, /invalidate me/);
    } finally {
      client.close();
    }
  });

  it('a memcached that is gone fails the request (500) instead of reading around the cache', async (t) => {
    if (skipUnlessUp(t, env, NEEDS)) return;
    const endpoints = { ...env.infra.endpoints, memcached: { url: 'memcached://127.0.0.1:1', server: 'nothing listens here' } };
    const s = await startStrategyServer({ scenario: 'post-detail', strategy: 'pg-cached-memcached', endpoints, settings: {} });
    try {
      const r = await s.trace('GET', '/posts/1');
      assert.equal(r.status, 500, r.body);
      assert.equal(r.queries, 0, 'no statement ran');
    } finally {
      await s.stop();
    }
  });
});
