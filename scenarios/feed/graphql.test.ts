// feed's GraphQL strategies against real PostgreSQL: reached over POST /graphql as the load sends them, each returns
// the reference page with its declared queries; a page out of range or not an integer answers 400. The parallel N+1
// too: the reference page with pg-naive's queries.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { problemsOf, skipUnlessUp, startTestEnv, verifyForTest, type TestEnv } from '../../src/testing/env.ts';
import type { Verified } from '../../src/verify/scenario.ts';
import { MAX_PAGE } from './contract.ts';
import { FEED_OPERATION } from './lib/graphql.ts';

const GRAPHQL = ['graphql-naive', 'graphql-dataloader', 'graphql-lookahead'];
const STRATEGIES = [...GRAPHQL, 'pg-naive-parallel'];

describe('feed over GraphQL on PostgreSQL', () => {
  let env: TestEnv;
  let verified: Verified[] = [];
  before(async () => {
    env = await startTestEnv(['postgres']);
    if (!env.missing(['postgres'])) verified = await verifyForTest(env, 'feed', STRATEGIES);
  });
  after(async () => {
    for (const v of verified) if (v.status === 'passed') await v.server.stop();
    await env?.stop();
  });

  for (const name of STRATEGIES) {
    it(`${name} returns the reference page with its declared queries per request`, (t) => {
      if (skipUnlessUp(t, env, ['postgres'])) return;
      const v = verified.find((x) => x.strategy.name === name);
      assert.ok(v, `${name} was verified`);
      assert.equal(v.status, 'passed', problemsOf(v));
    });
  }

  it('answers a page out of range or not an integer with 400', async (t) => {
    if (skipUnlessUp(t, env, ['postgres'])) return;
    for (const v of verified.filter((x) => GRAPHQL.includes(x.strategy.name))) {
      assert.equal(v.status, 'passed');
      for (const page of [0, MAX_PAGE + 1, 'two', 1.5]) {
        const r = await v.server.trace('POST', '/graphql', JSON.stringify({ query: FEED_OPERATION, variables: { page } }));
        assert.equal(r.status, 400, `${v.strategy.name}, page ${page}: ${r.body}`);
      }
      const ok = await v.server.trace('POST', '/graphql', JSON.stringify({ query: FEED_OPERATION, variables: { page: 1 } }));
      assert.equal(ok.status, 200, ok.body);
      assert.equal((JSON.parse(ok.body) as { data: { feed: { posts: unknown[] } } }).data.feed.posts.length, 20);
    }
  });
});
