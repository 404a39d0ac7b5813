// user-summary against real PostgreSQL, its streaming replica and Redis: every strategy returns the reference payload
// with the queries it declares; the reference itself is checked against the generator's rows.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Redis } from 'ioredis';
import { createRng } from '../../src/core/rng.ts';
import type { Need, Scenario, Strategy } from '../../src/core/scenario.ts';
import { loadAll, problemsOf, skipUnlessUp, startTestEnv, verifyForTest, type TestEnv } from '../../src/testing/env.ts';
import type { Verified } from '../../src/verify/scenario.ts';
import type { UserSummary } from './contract.ts';

const STRATEGIES = [
  'pg-join',
  'pg-naive',
  'pg-replica',
  'pg-cached-redis',
  'pg-cached-memory',
  'prisma-naive',
  'prisma-include',
  'prisma-join',
  'prisma-select',
];
const NEEDS: Need[] = ['postgres', 'replica', 'redis'];
const SAMPLES = 24;
const path = (id: number | string): string => `/users/${id}/summary`;

/** The summary computed straight from the generated rows, independently of any strategy. */
function expectedSummary(env: TestEnv, id: number): UserSummary {
  const { users, posts, comments, postTags, tags } = env.dataset;
  const u = users.find((x) => x.id === id) as (typeof users)[number];
  const mine = posts.filter((p) => p.authorId === id);
  const ids = new Set(mine.map((p) => p.id));
  const tagName = new Map(tags.map((t) => [t.id, t.name]));
  const usage = new Map<string, number>();
  for (const pt of postTags)
    if (ids.has(pt.postId)) usage.set(tagName.get(pt.tagId) as string, (usage.get(tagName.get(pt.tagId) as string) ?? 0) + 1);
  return {
    id,
    username: u.username,
    displayName: u.displayName,
    postCount: mine.length,
    commentsReceived: comments.filter((c) => ids.has(c.postId)).length,
    topTags: [...usage]
      .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))
      .slice(0, 5)
      .map(([name, count]) => ({ name, count })),
    latestPosts: [...mine]
      .sort((a, b) => b.createdAt - a.createdAt || b.id - a.id)
      .slice(0, 5)
      .map((p) => ({ id: p.id, title: p.title, createdAt: new Date(p.createdAt).toISOString() })),
  };
}

describe('user-summary on PostgreSQL', () => {
  let env: TestEnv;
  let loaded: Strategy[] = [];
  let scenario: Scenario;
  let verified: Verified[] = [];
  const postsOf = (id: number): number => env.dataset.posts.filter((p) => p.authorId === id).length;
  /** The most prolific author, a light one (1–3 posts) and, if any, one without posts. */
  const users = (): { heavy: number; light: number; idle: number | undefined } => {
    const counts = new Map<number, number>();
    for (const p of env.dataset.posts) counts.set(p.authorId, (counts.get(p.authorId) ?? 0) + 1);
    const sorted = [...counts].sort((a, b) => b[1] - a[1]);
    return { heavy: sorted[0]?.[0] as number, light: sorted.find(([, n]) => n <= 3)?.[0] as number, idle: env.info.idleUser };
  };
  const server = (name: string): Verified & { status: 'passed' } => {
    const v = verified.find((x) => x.strategy.name === name);
    assert.ok(v?.status === 'passed', `${name} passed verification`);
    return v;
  };

  before(async () => {
    env = await startTestEnv(NEEDS);
    ({ scenario, strategies: loaded } = await loadAll('user-summary', STRATEGIES));
    const runnable = loaded.filter((s) => !env.missing(s.needs)).map((s) => s.name);
    if (!env.missing(['postgres'])) verified = await verifyForTest(env, 'user-summary', runnable, SAMPLES);
  });
  after(async () => {
    for (const v of verified) if (v.status === 'passed') await v.server.stop();
    await env?.stop();
  });

  for (const name of STRATEGIES) {
    it(`${name} returns the reference payload with its declared queries per request`, (t) => {
      if (skipUnlessUp(t, env, loaded.find((s) => s.name === name)?.needs ?? NEEDS)) return;
      const v = verified.find((x) => x.strategy.name === name);
      assert.ok(v, `${name} was verified`);
      assert.equal(v.status, 'passed', problemsOf(v));
      assert.ok((v.outcome?.samples ?? 0) >= 20, 'at least 20 samples');
    });
  }

  it('the reference payload equals the summary computed from the generated rows', async (t) => {
    if (skipUnlessUp(t, env, ['postgres'])) return;
    const { heavy, light, idle } = users();
    for (const id of [heavy, light, ...(idle === undefined ? [] : [idle])]) {
      const r = await server('pg-join').server.trace('GET', path(id));
      assert.equal(r.status, 200);
      assert.deepEqual(JSON.parse(r.body), expectedSummary(env, id), `user ${id}`);
    }
  });

  it('the naive strategies issue 2 + 2 × posts queries: the count grows with the author', async (t) => {
    if (skipUnlessUp(t, env, ['postgres'])) return;
    const { heavy, light } = users();
    assert.ok(postsOf(heavy) >= postsOf(light) + 20, 'the dataset has a prolific author');
    for (const name of ['prisma-naive', 'pg-naive']) {
      const seen: number[] = [];
      for (const id of [light, heavy]) {
        const r = await server(name).server.trace('GET', path(id));
        assert.equal(r.status, 200);
        assert.equal(r.queries, 2 + 2 * postsOf(id), `${name}, user ${id} with ${postsOf(id)} posts`);
        seen.push(r.queries);
      }
      assert.equal((seen[1] as number) - (seen[0] as number), 2 * (postsOf(heavy) - postsOf(light)), `${name} grows by 2 per post`);
    }
  });

  it('the set-based strategies issue a constant number of queries, whatever the post count', async (t) => {
    if (skipUnlessUp(t, env, NEEDS)) return;
    const { heavy, light, idle } = users();
    const constant: Record<string, number> = { 'pg-join': 1, 'pg-replica': 1, 'prisma-join': 1, 'prisma-include': 4 };
    for (const [name, queries] of Object.entries(constant)) {
      for (const id of [heavy, light, ...(idle === undefined ? [] : [idle])]) {
        const r = await server(name).server.trace('GET', path(id));
        assert.equal(r.status, 200);
        assert.equal(r.queries, queries, `${name}, user ${id} with ${postsOf(id)} posts`);
      }
    }
  });

  it('a cached strategy misses once (one query), then hits with no query and the same body', async (t) => {
    if (skipUnlessUp(t, env, NEEDS)) return;
    // A user the verification did not read, so the first read here is a genuine miss.
    // (verifyForTest draws its sample with createRng(7).)
    const sampled = new Set(scenario.sample(env.info, SAMPLES, createRng(7)).map((p) => Number(p.id)));
    const fresh = env.dataset.users.find((u) => !sampled.has(u.id))?.id as number;
    for (const name of ['pg-cached-redis', 'pg-cached-memory']) {
      const s = server(name).server;
      const before = await s.metrics();
      const miss = await s.trace('GET', path(fresh));
      const hit = await s.trace('GET', path(fresh));
      const now = await s.metrics();
      assert.equal(miss.queries, 1, `${name}: the miss runs the statement`);
      assert.equal(hit.queries, 0, `${name}: the hit runs none`);
      assert.equal(hit.body, miss.body);
      assert.equal(now.cacheMisses - before.cacheMisses, 1, `${name}: one miss counted`);
      assert.equal(now.cacheHits - before.cacheHits, 1, `${name}: one hit counted`);
    }
    // No write path invalidates this scenario's entries: the TTL is what bounds their staleness.
    const redis = new Redis(env.infra.endpoints.redis?.url as string);
    try {
      const ttl = await redis.ttl(`user-summary:v1:${fresh}`);
      assert.ok(ttl > 0 && ttl <= 60, `the Redis entry expires (TTL ${ttl} s)`);
    } finally {
      redis.disconnect();
    }
  });

  it('answers 404 for an unknown user and 400 for a malformed id', async (t) => {
    if (skipUnlessUp(t, env, ['postgres'])) return;
    for (const v of verified) {
      if (v.status !== 'passed') continue;
      assert.equal((await v.server.trace('GET', path(999_999_999))).status, 404, v.strategy.name);
      assert.equal((await v.server.trace('GET', path('abc'))).status, 400, v.strategy.name);
      assert.equal((await v.server.trace('GET', path(0))).status, 400, v.strategy.name);
    }
  });

  it("pg-join reaches a light author's posts and comments through their indexes", async (t) => {
    if (skipUnlessUp(t, env, ['postgres'])) return;
    const statement = server('pg-join').outcome.captured?.statements[0] as string;
    assert.match(statement, /WITH p AS/);
    const r = await env.factsCtx.pg.query<{ 'QUERY PLAN': string }>({ text: `EXPLAIN ${statement}`, values: [users().light] });
    const plan = r.rows.map((x) => x['QUERY PLAN']).join('\n');
    assert.match(plan, /posts_author_id_idx/);
    assert.match(plan, /comments_post_id_created_at_id_idx/);
  });
});
