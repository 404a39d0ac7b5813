// feed on MongoDB through Mongoose, against the PostgreSQL reference: every Mongo strategy's page equals pg-join's
// (the cross-database check), with the commands it declares; writes keep each strategy's comment count right.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import mongoose from 'mongoose';
import { models } from '../../datasets/mongo/models.ts';
import { problemsOf, skipUnlessUp, startTestEnv, verifyForTest, type TestEnv } from '../../src/testing/env.ts';
import type { Verified } from '../../src/verify/scenario.ts';
import type { FeedPage } from './contract.ts';

const NEEDS = ['postgres', 'mongo'] as const;
const STRATEGIES = ['mongoose-naive', 'mongoose-populate', 'mongoose-lean', 'mongoose-embedded', 'mongoose-lookup'];

describe('feed on MongoDB (Mongoose)', () => {
  let env: TestEnv;
  let verified: Verified[] = [];
  let conn: mongoose.Connection;
  const passed = (name: string): Extract<Verified, { status: 'passed' }> => {
    const v = verified.find((x) => x.strategy.name === name);
    assert.ok(v?.status === 'passed', `${name} passed verification: ${v ? problemsOf(v) : 'not verified'}`);
    return v;
  };
  const read = async (name: string, page: number): Promise<{ body: FeedPage; queries: number }> => {
    const r = await passed(name).server.trace('GET', `/feed?page=${page}`);
    assert.equal(r.status, 200, `${name} page ${page}: ${r.body.slice(0, 200)}`);
    return { body: JSON.parse(r.body) as FeedPage, queries: r.queries };
  };
  /** The feed order, computed from the generated rows rather than by any strategy. */
  const newest = (): number[] => [...env.dataset.posts].sort((a, b) => b.createdAt - a.createdAt || b.id - a.id).map((p) => p.id);
  const pages = (): number => Math.ceil(env.info.counts.posts / 20);

  before(async () => {
    env = await startTestEnv([...NEEDS]);
    if (env.missing(NEEDS)) return;
    conn = await mongoose.createConnection(env.infra.endpoints.mongo?.url as string).asPromise();
    // FerretDB 1.24 scans a collection for every query on a numeric field, so a naive page (61 commands) takes about
    // a second on it: the naive strategy is verified on the edge pages plus one drawn page, the others on 12.
    const eager = STRATEGIES.filter((n) => n !== 'mongoose-naive');
    verified = [...(await verifyForTest(env, 'feed', ['mongoose-naive'], 6)), ...(await verifyForTest(env, 'feed', eager, 12))];
  });
  after(async () => {
    for (const v of verified) if (v.status === 'passed') await v.server.stop();
    await conn?.close();
    await env?.stop();
  });

  it('seeds feed_items: one per post, the comment counts summing to the comments table', async (t) => {
    if (skipUnlessUp(t, env, NEEDS)) return;
    const r = await env.factsCtx.pg.query<{ posts: number; comments: number }>(
      'SELECT (SELECT count(*) FROM posts)::int AS posts, (SELECT count(*) FROM comments)::int AS comments',
    );
    const { FeedItem } = models(conn);
    const items = await FeedItem.find({}, 'commentCount').lean();
    assert.equal(items.length, r.rows[0]?.posts);
    assert.equal(
      items.reduce((s, f) => s + f.commentCount, 0),
      r.rows[0]?.comments,
    );
  });

  for (const name of STRATEGIES.filter((n) => n !== 'mongoose-lookup')) {
    it(`${name} returns the PostgreSQL reference page with its declared commands per request`, (t) => {
      if (skipUnlessUp(t, env, NEEDS)) return;
      assert.equal(passed(name).outcome.samples, name === 'mongoose-naive' ? 6 : Math.min(12, pages() + 2));
    });
  }

  it('mongoose-lookup: one aggregate on MongoDB; on FerretDB 1.24 (no $lookup) it fails with the server error', (t) => {
    if (skipUnlessUp(t, env, NEEDS)) return;
    const v = verified.find((x) => x.strategy.name === 'mongoose-lookup');
    assert.ok(v);
    if (!/^FerretDB/.test(env.infra.endpoints.mongo?.server ?? '')) return void passed('mongoose-lookup');
    assert.equal(v.status, 'failed');
    assert.match(v.status === 'failed' ? v.reason : '', /status 500.*\$lookup.*not implemented/);
  });

  it('mongoose-naive sends 1 + 3 commands per post on the page; populate and lean a constant', async (t) => {
    if (skipUnlessUp(t, env, NEEDS)) return;
    const tagged = (ids: number[]): boolean => env.dataset.postTags.some((pt) => ids.includes(pt.postId));
    const cases = [
      { page: 1, posts: 20, tags: tagged(newest().slice(0, 20)) },
      { page: pages(), posts: 20, tags: tagged(newest().slice(-20)) },
      { page: pages() + 1, posts: 0, tags: false },
    ];
    for (const c of cases) {
      const naive = await read('mongoose-naive', c.page);
      assert.equal(naive.body.posts.length, c.posts);
      assert.equal(naive.queries, 1 + 3 * c.posts, `naive, page ${c.page}`);
      const populate = await read('mongoose-populate', c.page);
      const lean = await read('mongoose-lean', c.page);
      // the page; then authors and comment counts, and tags when any post on the page has some
      assert.equal(populate.queries, c.posts ? 3 + (c.tags ? 1 : 0) : 1, `populate, page ${c.page}`);
      assert.equal(lean.queries, populate.queries, `lean, page ${c.page}`);
      assert.equal((await read('mongoose-embedded', c.page)).queries, 1, `embedded, page ${c.page}`);
    }
  });

  it('a new comment shows at once in its post commentCount, through each strategy', async (t) => {
    if (skipUnlessUp(t, env, NEEDS)) return;
    const { Comment } = models(conn);
    for (const [rank, v] of verified.filter((x) => x.status === 'passed').entries()) {
      const name = v.strategy.name;
      // A post of its own per strategy: only mongoose-embedded's write maintains feed_items.
      const postId = newest()[rank] as number;
      const countIn = (p: FeedPage): number | undefined => p.posts.find((x) => x.id === postId)?.commentCount;
      const before = countIn((await read(name, 1)).body);
      const w = await v.server.trace('POST', `/posts/${postId}/comments`, JSON.stringify({ authorId: 1, body: `from ${name}` }));
      assert.equal(w.status, 201, `${name}: ${w.body}`);
      // exists(post) + findById(author) + counter $inc + insert, and the feed_items $inc for the read model
      assert.equal(w.queries, name === 'mongoose-embedded' ? 5 : 4, `${name}: commands per write`);
      const after = countIn((await read(name, 1)).body);
      assert.equal(after, (before ?? NaN) + 1, name);
      assert.equal(after, await Comment.countDocuments({ postId }), `${name}: the count is the comments collection's`);
      const missing = await v.server.trace('POST', '/posts/999999/comments', JSON.stringify({ authorId: 1, body: 'x' }));
      assert.equal(missing.status, 404, `${name}: a comment on an unknown post`);
    }
  });

  it('parses the page: absent is page 1, malformed is 400, past the end is empty', async (t) => {
    if (skipUnlessUp(t, env, NEEDS)) return;
    for (const v of verified) {
      if (v.status !== 'passed') continue;
      const first = await v.server.trace('GET', '/feed');
      assert.equal((JSON.parse(first.body) as FeedPage).page, 1, v.strategy.name);
      for (const bad of ['0', 'abc', '10001'])
        assert.equal((await v.server.trace('GET', `/feed?page=${bad}`)).status, 400, `${v.strategy.name} ${bad}`);
      assert.deepEqual(JSON.parse((await v.server.trace('GET', '/feed?page=10000')).body), { page: 10_000, posts: [] }, v.strategy.name);
    }
  });
});
