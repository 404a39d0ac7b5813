// feed against real PostgreSQL (primary + streaming replica) and Redis: every strategy returns the reference page
// with the queries it declares; the N+1 strategies grow with the posts on the page, the eager ones do not; writes
// keep the read model and the caches showing the right comment count.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Need, Strategy } from '../../src/core/scenario.ts';
import { loadAll, problemsOf, skipUnlessUp, startTestEnv, verifyForTest, type TestEnv } from '../../src/testing/env.ts';
import type { StrategyServer } from '../../src/server/spawn.ts';
import type { Verified } from '../../src/verify/scenario.ts';
import type { FeedPage } from './contract.ts';

const STRATEGIES = [
  'pg-join',
  'pg-naive',
  'pg-replica',
  'pg-denormalized',
  'pg-cached-redis',
  'pg-cached-memory',
  'prisma-naive',
  'prisma-include',
  'prisma-join',
  'prisma-select',
];
const NEEDS: Need[] = ['postgres', 'replica', 'redis'];

describe('feed on PostgreSQL', () => {
  let env: TestEnv;
  let strategies: Strategy[] = [];
  let verified: Verified[] = [];
  before(async () => {
    env = await startTestEnv(NEEDS);
    strategies = (await loadAll('feed', STRATEGIES)).strategies;
    const runnable = strategies.filter((s) => !env.missing(s.needs)).map((s) => s.name);
    if (runnable.includes('pg-join')) verified = await verifyForTest(env, 'feed', runnable);
  });
  after(async () => {
    for (const v of verified) if (v.status === 'passed') await v.server.stop();
    await env?.stop();
  });

  const needsOf = (name: string): Need[] => strategies.find((s) => s.name === name)?.needs ?? ['postgres'];
  const serverOf = (name: string): StrategyServer => {
    const v = verified.find((x) => x.strategy.name === name);
    assert.ok(v?.status === 'passed', `${name} passed verification`);
    return v.server;
  };
  const read = async (s: StrategyServer, page: number): Promise<{ queries: number; body: FeedPage }> => {
    const r = await s.trace('GET', `/feed?page=${page}`);
    assert.equal(r.status, 200, r.body);
    return { queries: r.queries, body: JSON.parse(r.body) as FeedPage };
  };
  /** The feed order, computed from the generated rows rather than by any strategy. */
  const newest = (): number[] => [...env.dataset.posts].sort((a, b) => b.createdAt - a.createdAt || b.id - a.id).map((p) => p.id);
  const tagsOf = (ids: number[]): number => env.dataset.postTags.filter((pt) => ids.includes(pt.postId)).length;

  for (const name of STRATEGIES) {
    it(`${name} returns the reference page with its declared queries per request`, (t) => {
      if (skipUnlessUp(t, env, needsOf(name))) return;
      const v = verified.find((x) => x.strategy.name === name);
      assert.ok(v, `${name} was verified`);
      assert.equal(v.status, 'passed', problemsOf(v));
      // Every page of the tiny preset, one past the end and the deepest page accepted: distinct pages, so each
      // sample's first read is a cache miss.
      const pages = Math.ceil(env.info.counts.posts / 20);
      assert.equal(v.outcome?.samples, Math.min(20, pages + 2));
    });
  }

  it('the N+1 strategies issue 1 + 3·posts + post_tags queries; eager ones the same count on a full and a partial page', async (t) => {
    if (skipUnlessUp(t, env, ['postgres'])) return;
    // The tiny preset has 300 posts, 15 full pages: seven posts older than all others make a partial page 16.
    const pages = Math.ceil(env.info.counts.posts / 20);
    const extra = [1, 2, 3, 4, 5, 6, 7].map((k) => env.info.counts.posts + k);
    const oldest = Math.min(...env.dataset.posts.map((p) => p.createdAt));
    for (const [k, id] of extra.entries()) {
      await env.factsCtx.pg.query(`INSERT INTO posts (id, author_id, title, body, created_at) VALUES ($1, $2, $3, 'b', $4)`, [
        id,
        k + 1,
        `Old post ${id}`,
        new Date(oldest - (k + 1) * 60_000),
      ]);
    }
    await env.factsCtx.pg.query(`INSERT INTO post_tags (post_id, tag_id) VALUES ($1, 1), ($1, 2), ($2, 3)`, [extra[0], extra[2]]);
    const full = { posts: 20, postTags: tagsOf(newest().slice(0, 20)) };
    const partial = { posts: 7, postTags: 3 };

    const ref = await read(serverOf('pg-join'), pages + 1);
    assert.deepEqual(
      ref.body.posts.map((p) => p.id),
      extra,
      'the partial page holds the seven old posts, newest first',
    );
    for (const name of ['prisma-naive', 'pg-naive']) {
      const s = serverOf(name);
      const a = await read(s, 1);
      const b = await read(s, pages + 1);
      assert.deepEqual(b.body, ref.body, `${name}: partial page equals pg-join's`);
      assert.equal(a.queries, 1 + 3 * full.posts + full.postTags, `${name}, full page`);
      assert.equal(b.queries, 1 + 3 * partial.posts + partial.postTags, `${name}, partial page`);
      // Net of the tag lookups, the queries are 1 + 3 per post: the difference is proportional to the posts.
      assert.equal(a.queries - full.postTags - (b.queries - partial.postTags), 3 * (full.posts - partial.posts));
    }
    for (const [name, constant] of [
      ['prisma-include', 4],
      ['prisma-select', 4],
      ['prisma-join', 1],
      ['pg-join', 1],
    ] as const) {
      const s = serverOf(name);
      const a = await read(s, 1);
      const b = await read(s, pages + 1);
      assert.deepEqual(b.body, ref.body, `${name}: partial page equals pg-join's`);
      assert.deepEqual([a.queries, b.queries], [constant, constant], `${name}: same queries on a full and a partial page`);
    }
  });

  for (const name of ['pg-cached-redis', 'pg-cached-memory']) {
    it(`${name} serves a cached page with no query, and does not cache pages beyond the hot head`, async (t) => {
      if (skipUnlessUp(t, env, needsOf(name))) return;
      const s = serverOf(name);
      await read(s, 4);
      assert.equal((await read(s, 4)).queries, 0, 'page 4 again');
      assert.equal((await read(s, 10_000)).queries, 1, 'page 10000');
      assert.equal((await read(s, 10_000)).queries, 1, 'page 10000 again');
    });
  }

  // A different post per strategy, so one strategy's write cannot touch what another one checks.
  const writers = [
    { name: 'pg-denormalized', rank: 0, writeQueries: 4 },
    { name: 'pg-cached-redis', rank: 1, writeQueries: 2 },
    { name: 'pg-cached-memory', rank: 2, writeQueries: 2 },
  ];
  for (const w of writers) {
    it(`${w.name}: a new comment shows at once in its post's commentCount`, async (t) => {
      if (skipUnlessUp(t, env, needsOf(w.name))) return;
      const s = serverOf(w.name);
      const cached = w.name !== 'pg-denormalized';
      const countIn = (p: FeedPage, postId: number): number | undefined => p.posts.find((x) => x.id === postId)?.commentCount;
      const truth = async (postId: number): Promise<number> =>
        (await env.factsCtx.pg.query<{ n: number }>('SELECT count(*)::int AS n FROM comments WHERE post_id = $1', [postId])).rows[0]?.n ??
        -1;
      const comment = async (postId: number): Promise<void> => {
        const res = await s.trace('POST', `/posts/${postId}/comments`, JSON.stringify({ authorId: 1, body: `from ${w.name}` }));
        assert.equal(res.status, 201, res.body);
        assert.equal(res.queries, w.writeQueries, 'statements per write');
      };

      // A post on page 1 (the newest posts).
      const postId = newest()[w.rank] as number;
      await read(s, 1);
      const warm = await read(s, 1);
      if (cached) assert.equal(warm.queries, 0, 'page 1 is cached before the write');
      assert.equal(countIn(warm.body, postId), await truth(postId));
      await comment(postId);
      const after = await read(s, 1);
      assert.equal(countIn(after.body, postId), (countIn(warm.body, postId) ?? NaN) + 1);
      assert.equal(countIn(after.body, postId), await truth(postId));
      if (cached) assert.equal(after.queries, 1, 'page 1 was dropped');

      if (cached) {
        // A post at the top of page 2 (the page boundary): page 2 is dropped, page 1 stays cached.
        const other = newest()[19 + w.rank] as number;
        await read(s, 2);
        const before2 = await read(s, 2);
        assert.equal(before2.queries, 0, 'page 2 is cached before the write');
        await comment(other);
        assert.equal((await read(s, 1)).queries, 0, 'page 1 stays cached');
        const after2 = await read(s, 2);
        assert.equal(after2.queries, 1, 'page 2 was dropped');
        assert.equal(countIn(after2.body, other), (countIn(before2.body, other) ?? NaN) + 1);
      }
      const missing = await s.trace('POST', '/posts/999999/comments', JSON.stringify({ authorId: 1, body: 'x' }));
      assert.equal(missing.status, 404, 'a comment on an unknown post');
    });
  }

  it('parses the page: absent is page 1, zero, non-numeric and beyond the cap are 400, past the end is empty', async (t) => {
    if (skipUnlessUp(t, env, ['postgres'])) return;
    for (const v of verified) {
      if (v.status !== 'passed') continue;
      const s = v.server;
      const first = await s.trace('GET', '/feed');
      assert.equal(first.status, 200, v.strategy.name);
      assert.equal((JSON.parse(first.body) as FeedPage).page, 1, v.strategy.name);
      for (const bad of ['0', 'abc', '-1', '10001', ''])
        assert.equal((await s.trace('GET', `/feed?page=${bad}`)).status, 400, `${v.strategy.name} page=${bad}`);
      assert.deepEqual(JSON.parse((await s.trace('GET', '/feed?page=10000')).body), { page: 10_000, posts: [] }, v.strategy.name);
    }
  });
});
