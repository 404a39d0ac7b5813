// post-detail's other PostgreSQL strategies (ORM join/select, raw N+1, replica, read model, caches) against real
// servers: each returns pg-join's payload with the queries it declares, a cache hit costs no query, a write through
// each strategy is visible to its own next read (caches invalidated, read model maintained, replica caught up), and
// a malformed write answers 400 without touching the database.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from '../../src/core/rng.ts';
import type { Need } from '../../src/core/scenario.ts';
import { waitForReplica } from '../../src/infra/replication.ts';
import type { StrategyServer } from '../../src/server/spawn.ts';
import { loadAll, problemsOf, skipUnlessUp, startTestEnv, verifyForTest, type TestEnv } from '../../src/testing/env.ts';
import { canonicalJson } from '../../src/verify/canonical.ts';
import { normalizeStatement } from '../../src/verify/cost.ts';
import type { Verified } from '../../src/verify/scenario.ts';
import type { CreatedComment, PostDetail } from './contract.ts';

const LEAD = ['pg-join', 'prisma-naive', 'prisma-include'];
const MINE = ['prisma-join', 'prisma-select', 'pg-naive', 'pg-replica', 'pg-denormalized', 'pg-cached-redis', 'pg-cached-memory'];
const ALL = [...LEAD, ...MINE];
const CACHED = ['pg-cached-redis', 'pg-cached-memory'];

describe('post-detail: the other PostgreSQL strategies', () => {
  let env: TestEnv;
  let verified: Verified[] = [];
  const needs = new Map<string, Need[]>();
  const sampled = new Set<number>();
  let nextFresh = 0;

  before(async () => {
    env = await startTestEnv(['postgres', 'replica', 'redis']);
    const { scenario, strategies } = await loadAll('post-detail', ALL);
    for (const s of strategies) needs.set(s.name, s.needs);
    // verifyForTest's own sample (20 ids, rng 7): posts outside it have never been read, so nothing caches them.
    for (const p of scenario.sample(env.info, 20, createRng(7))) sampled.add(Number(p.id));
    nextFresh = env.info.counts.posts;
    const runnable = ALL.filter((n) => !env.missing(needs.get(n) ?? []));
    if (!env.missing(['postgres'])) verified = await verifyForTest(env, 'post-detail', runnable);
  });
  after(async () => {
    for (const v of verified) if (v.status === 'passed') await v.server.stop();
    await env?.stop();
  });

  const skip = (t: Parameters<typeof skipUnlessUp>[0], name: string): boolean => skipUnlessUp(t, env, needs.get(name) ?? ['postgres']);
  const server = (name: string): StrategyServer => {
    const v = verified.find((x) => x.strategy.name === name);
    assert.ok(v?.status === 'passed', `${name} passed verification`);
    return v.server;
  };
  /** A post no verification read touched and no other test writes to. */
  const freshPost = (): number => {
    while (sampled.has(nextFresh)) nextFresh--;
    assert.ok(nextFresh > env.info.edgePost, 'fresh posts left');
    return nextFresh--;
  };
  const read = async (s: StrategyServer, id: number): Promise<{ detail: PostDetail; queries: number; body: string }> => {
    const r = await s.trace('GET', `/posts/${id}`);
    assert.equal(r.status, 200, r.body);
    return { detail: JSON.parse(r.body) as PostDetail, queries: r.queries, body: r.body };
  };
  const commentCount = async (postId?: number): Promise<number> => {
    const r =
      postId === undefined
        ? await env.factsCtx.pg.query<{ n: number }>('SELECT count(*)::int AS n FROM comments')
        : await env.factsCtx.pg.query<{ n: number }>('SELECT count(*)::int AS n FROM comments WHERE post_id = $1', [postId]);
    return r.rows[0]?.n ?? -1;
  };
  const tagsOf = (id: number): number => env.dataset.postTags.filter((pt) => pt.postId === id).length;

  for (const name of ALL) {
    it(`${name} returns the reference payload with its declared queries per request`, (t) => {
      if (skip(t, name)) return;
      const v = verified.find((x) => x.strategy.name === name);
      assert.ok(v, `${name} was verified`);
      assert.equal(v.status, 'passed', problemsOf(v));
      assert.ok((v.outcome?.samples ?? 0) >= 20, 'at least 20 samples');
    });
  }

  it('prisma-join sends one statement (LATERAL joins built by Prisma), whatever the fan-out', async (t) => {
    if (skip(t, 'prisma-join')) return;
    for (const comments of [1, 100, 200]) {
      const r = await server('prisma-join').trace('GET', `/posts/${env.info.fanoutPosts[comments]}`);
      assert.equal(r.status, 200);
      assert.equal(r.queries, 1, `post with ${comments} comments`);
      assert.match(r.statements[0] ?? '', /LEFT JOIN LATERAL/);
    }
  });

  it('prisma-select sends one query per relation level and no column the payload does not need', async (t) => {
    if (skip(t, 'prisma-select')) return;
    const r = await server('prisma-select').trace('GET', `/posts/${env.info.fanoutPosts[100]}`);
    assert.equal(r.queries, 6);
    for (const s of r.statements) assert.doesNotMatch(s, /email|bio|\*/, s);
    // Its header says what it shows: on this schema the same statements as prisma-include, column for column (Prisma
    // lists the columns and sends the levels in another order).
    if (skip(t, 'prisma-include')) return;
    const include = await server('prisma-include').trace('GET', `/posts/${env.info.fanoutPosts[100]}`);
    const shape = (sql: string): string =>
      normalizeStatement(sql).replace(/^SELECT (.*?) FROM/, (_m, cols: string) => `SELECT ${cols.split(', ').sort().join(', ')} FROM`);
    assert.deepEqual(r.statements.map(shape).sort(), include.statements.map(shape).sort());
  });

  it('pg-naive issues 4 + comments + tags queries (N+1 over the raw driver), at two fan-outs', async (t) => {
    if (skip(t, 'pg-naive')) return;
    for (const comments of [10, 100]) {
      const id = env.info.fanoutPosts[comments] as number;
      const { queries } = await read(server('pg-naive'), id);
      assert.equal(queries, 4 + comments + tagsOf(id), `post ${id}: ${comments} comments, ${tagsOf(id)} tags`);
    }
  });

  for (const name of CACHED) {
    it(`${name}: the first read misses (1 query), the second is a hit (0 queries, same bytes); 404s are cached too`, async (t) => {
      if (skip(t, name)) return;
      const s = server(name);
      const id = freshPost();
      const m0 = await s.metrics();
      const first = await read(s, id);
      const second = await read(s, id);
      assert.equal(first.queries, 1);
      assert.equal(second.queries, 0);
      assert.equal(second.body, first.body);
      const m1 = await s.metrics();
      assert.deepEqual([m1.cacheMisses - m0.cacheMisses, m1.cacheHits - m0.cacheHits], [1, 1], 'one miss, one hit');
      const missing = [await s.trace('GET', '/posts/999999'), await s.trace('GET', '/posts/999999')];
      assert.deepEqual(
        missing.map((r) => [r.status, r.queries]),
        [
          [404, 1],
          [404, 0],
        ],
      );
    });
  }

  for (const name of ALL) {
    it(`${name}: a comment written through it is the last comment of its next read, as the reference sees it`, async (t) => {
      if (skip(t, name)) return;
      const s = server(name);
      const id = freshPost();
      const author = env.dataset.users[7] as (typeof env.dataset.users)[number];
      const before = await read(s, id); // fills the cache of a cached strategy, so the write must invalidate it
      const w = await s.trace('POST', `/posts/${id}/comments`, JSON.stringify({ authorId: author.id, body: `hello from ${name}` }));
      assert.equal(w.status, 201, w.body);
      const created = JSON.parse(w.body) as CreatedComment;
      assert.equal(created.postId, id);
      assert.equal(await commentCount(id), before.detail.comments.length + 1, 'one row inserted');
      const endpoints = env.infra.endpoints;
      // Replica lag is real: wait for the replica to replay the primary's WAL, then the comment must be there.
      if (name === 'pg-replica') await waitForReplica(endpoints.postgres?.url ?? '', endpoints.replica?.url ?? '', 10_000);
      const after = await read(s, id);
      assert.equal(after.detail.comments.length, before.detail.comments.length + 1);
      assert.deepEqual(after.detail.comments.at(-1), {
        id: created.id,
        body: `hello from ${name}`,
        createdAt: created.createdAt,
        author: { id: author.id, username: author.username, displayName: author.displayName },
      });
      const reference = await read(server('pg-join'), id);
      assert.equal(canonicalJson(after.detail), canonicalJson(reference.detail), 'the whole payload equals the reference after the write');
    });
  }

  it('pg-denormalized writes in one transaction: the comment row plus one rewritten payload (vs 1 row for pg-join)', async (t) => {
    if (skip(t, 'pg-denormalized')) return;
    const measureWrite = async (s: StrategyServer, id: number): Promise<{ rowsWritten: number; statements: string[] }> => {
      const m0 = await s.metrics();
      const w = await s.trace('POST', `/posts/${id}/comments`, JSON.stringify({ authorId: 3, body: 'first!' }));
      assert.equal(w.status, 201, w.body);
      return { rowsWritten: (await s.metrics()).rowsWritten - m0.rowsWritten, statements: w.statements };
    };
    // The edge post has no comment: the payload's empty array gets its first element.
    const denorm = await measureWrite(server('pg-denormalized'), env.info.edgePost);
    assert.equal(denorm.rowsWritten, 2, 'one comment inserted, one post_detail_view row updated');
    assert.deepEqual(
      denorm.statements.map((s) => s.split(' ')[0]),
      ['BEGIN', 'INSERT', 'UPDATE', 'COMMIT'],
    );
    const plain = await measureWrite(server('pg-join'), freshPost());
    assert.equal(plain.rowsWritten, 1);
    const got = await read(server('pg-denormalized'), env.info.edgePost);
    assert.equal(got.detail.comments.length, 1);
    assert.equal(canonicalJson(got.detail), canonicalJson((await read(server('pg-join'), env.info.edgePost)).detail));
  });

  it('pg-denormalized keeps the (createdAt, id) order when the new comment is not the latest', async (t) => {
    if (skip(t, 'pg-denormalized')) return;
    // Large presets seed comments dated after today; here one comment of a post is moved a day ahead instead.
    let id = freshPost();
    while (!env.dataset.comments.some((c) => c.postId === id)) id = freshPost();
    const db = env.factsCtx.pg;
    await db.query(
      `UPDATE comments SET created_at = now() + interval '1 day' WHERE id = (SELECT min(id) FROM comments WHERE post_id = $1)`,
      [id],
    );
    await db.query('SELECT accessbench_refresh_post_detail_view()');
    const w = await server('pg-denormalized').trace('POST', `/posts/${id}/comments`, JSON.stringify({ authorId: 5, body: 'not last' }));
    assert.equal(w.status, 201, w.body);
    const got = (await read(server('pg-denormalized'), id)).detail;
    assert.ok(got.comments.length >= 2, 'the post has comments');
    assert.equal(got.comments.at(-2)?.body, 'not last', 'the new comment sorts before the future-dated one');
    assert.equal(canonicalJson(got), canonicalJson((await read(server('pg-join'), id)).detail));
  });

  it('malformed write bodies answer 400 without a query; unknown posts or authors answer 404; nothing is written', async (t) => {
    if (skip(t, 'pg-join')) return;
    const id = freshPost();
    const bad = [
      'not json',
      'null',
      '[]',
      '{}',
      '{"authorId":"7","body":"x"}',
      '{"authorId":7,"body":""}',
      '{"authorId":0,"body":"x"}',
      '{"authorId":7.5,"body":"x"}',
      '{"authorId":7}',
      JSON.stringify({ authorId: 7, body: 'x'.repeat(2001) }),
    ];
    const total = await commentCount();
    const view = async (): Promise<string> =>
      (await env.factsCtx.pg.query<{ p: string }>('SELECT payload::text AS p FROM post_detail_view WHERE post_id = $1', [id])).rows[0]?.p ??
      '';
    const viewBefore = await view();
    for (const v of verified) {
      if (v.status !== 'passed') continue;
      for (const body of bad) {
        const r = await v.server.trace('POST', `/posts/${id}/comments`, body);
        assert.equal(r.status, 400, `${v.strategy.name} ${body.slice(0, 40)}: ${r.body}`);
        assert.equal(r.queries, 0, `${v.strategy.name} ${body.slice(0, 40)} reached the database`);
      }
      assert.equal((await v.server.trace('POST', '/posts/abc/comments', '{"authorId":7,"body":"x"}')).status, 400, v.strategy.name);
      const unknownPost = await v.server.trace('POST', '/posts/999999/comments', '{"authorId":7,"body":"x"}');
      assert.equal(unknownPost.status, 404, `${v.strategy.name}: ${unknownPost.body}`);
      const unknownAuthor = await v.server.trace('POST', `/posts/${id}/comments`, '{"authorId":999999,"body":"x"}');
      assert.equal(unknownAuthor.status, 404, `${v.strategy.name}: ${unknownAuthor.body}`);
    }
    assert.equal(await commentCount(), total, 'no comment was inserted');
    assert.equal(await view(), viewBefore, 'the read model was not touched (its transaction rolled back)');
  });
});
