// post-detail against real PostgreSQL: every strategy returns the reference payload with the queries it declares.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { problemsOf, skipUnlessUp, startTestEnv, verifyForTest, type TestEnv } from '../../src/testing/env.ts';
import type { Verified } from '../../src/verify/scenario.ts';

const STRATEGIES = ['pg-join', 'prisma-naive', 'prisma-include'];

describe('post-detail on PostgreSQL', () => {
  let env: TestEnv;
  let verified: Verified[] = [];
  before(async () => {
    env = await startTestEnv(['postgres']);
    if (!env.missing(['postgres'])) verified = await verifyForTest(env, 'post-detail', STRATEGIES);
  });
  after(async () => {
    for (const v of verified) if (v.status === 'passed') await v.server.stop();
    await env?.stop();
  });

  for (const name of STRATEGIES) {
    it(`${name} returns the reference payload with its declared queries per request`, (t) => {
      if (skipUnlessUp(t, env, ['postgres'])) return;
      const v = verified.find((x) => x.strategy.name === name);
      assert.ok(v, `${name} was verified`);
      assert.equal(v.status, 'passed', problemsOf(v));
      assert.ok((v.outcome?.samples ?? 0) >= 20, 'at least 20 samples');
    });
  }

  it('pg-join issues exactly one query, whatever the fan-out', async (t) => {
    if (skipUnlessUp(t, env, ['postgres'])) return;
    const v = verified.find((x) => x.strategy.name === 'pg-join');
    assert.ok(v?.status === 'passed');
    for (const comments of [1, 10, 100]) {
      const id = env.info.fanoutPosts[comments];
      const r = await v.server.trace('GET', `/posts/${id}`);
      assert.equal(r.status, 200);
      assert.equal(r.queries, 1, `post with ${comments} comments`);
    }
  });

  it('prisma-naive issues 4 + comments + tags queries (N+1), checked at two fan-outs', async (t) => {
    if (skipUnlessUp(t, env, ['postgres'])) return;
    const v = verified.find((x) => x.strategy.name === 'prisma-naive');
    assert.ok(v?.status === 'passed');
    const seen: number[] = [];
    for (const comments of [10, 100]) {
      const id = env.info.fanoutPosts[comments] as number;
      const tags = env.dataset.postTags.filter((pt) => pt.postId === id).length;
      const r = await v.server.trace('GET', `/posts/${id}`);
      assert.equal(r.status, 200);
      assert.equal(r.queries, 4 + comments + tags, `post ${id}: ${comments} comments, ${tags} tags`);
      seen.push(r.queries);
    }
    assert.ok((seen[1] as number) - (seen[0] as number) >= 90, 'queries grow with the fan-out');
  });

  it('answers 404 for an unknown post and 400 for a malformed id', async (t) => {
    if (skipUnlessUp(t, env, ['postgres'])) return;
    for (const v of verified) {
      if (v.status !== 'passed') continue;
      assert.equal((await v.server.trace('GET', '/posts/999999999')).status, 404, v.strategy.name);
      assert.equal((await v.server.trace('GET', '/posts/abc')).status, 400, v.strategy.name);
      assert.equal((await v.server.trace('GET', '/posts/0')).status, 400, v.strategy.name);
    }
  });
});
