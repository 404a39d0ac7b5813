// post-detail on MongoDB through Mongoose, against the PostgreSQL reference: the same seeded data in both stores,
// every Mongo strategy's payload equal to pg-join's (the cross-database check), the commands each declares, writes.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import mongoose from 'mongoose';
import { models } from '../../datasets/mongo/models.ts';
import { problemsOf, skipUnlessUp, startTestEnv, verifyForTest, type TestEnv } from '../../src/testing/env.ts';
import type { Verified } from '../../src/verify/scenario.ts';
import type { CreatedComment, PostDetail } from './contract.ts';
import { pushEmbeddedComment } from '../shared/mongo-comment-write.ts';

const NEEDS = ['postgres', 'mongo'] as const;
const STRATEGIES = ['mongoose-naive', 'mongoose-populate', 'mongoose-lean', 'mongoose-embedded', 'mongoose-lookup'];

describe('post-detail on MongoDB (Mongoose)', () => {
  let env: TestEnv;
  let verified: Verified[] = [];
  let conn: mongoose.Connection;
  const passed = (name: string): Extract<Verified, { status: 'passed' }> => {
    const v = verified.find((x) => x.strategy.name === name);
    assert.ok(v?.status === 'passed', `${name} passed verification: ${v ? problemsOf(v) : 'not verified'}`);
    return v;
  };
  const read = async (name: string, id: number): Promise<{ body: PostDetail; queries: number }> => {
    const r = await passed(name).server.trace('GET', `/posts/${id}`);
    assert.equal(r.status, 200, `${name} /posts/${id}: ${r.body.slice(0, 200)}`);
    return { body: JSON.parse(r.body) as PostDetail, queries: r.queries };
  };
  const tagsOf = (id: number): number => env.dataset.postTags.filter((pt) => pt.postId === id).length;
  const onFerret = (): boolean => /^FerretDB/.test(env.infra.endpoints.mongo?.server ?? '');

  before(async () => {
    env = await startTestEnv([...NEEDS]);
    if (env.missing(NEEDS)) return;
    conn = await mongoose.createConnection(env.infra.endpoints.mongo?.url as string).asPromise();
    // 12 samples: the edge posts (no comments, the most, tagged and untagged) and drawn ones; FerretDB is slow.
    verified = await verifyForTest(env, 'post-detail', STRATEGIES, 12);
  });
  after(async () => {
    for (const v of verified) if (v.status === 'passed') await v.server.stop();
    await conn?.close();
    await env?.stop();
  });

  it('seeds the same data as PostgreSQL: counts per collection equal the table counts', async (t) => {
    if (skipUnlessUp(t, env, NEEDS)) return;
    const pg = await env.factsCtx.pg.query<Record<string, number>>(
      `SELECT (SELECT count(*) FROM users)::int AS users, (SELECT count(*) FROM tags)::int AS tags,
              (SELECT count(*) FROM posts)::int AS posts, (SELECT count(*) FROM comments)::int AS comments,
              (SELECT count(*) FROM post_tags)::int AS "postTags", (SELECT max(id) FROM comments)::int AS "maxComment"`,
    );
    const want = pg.rows[0] as Record<string, number>;
    const m = models(conn);
    const tagRefs = await m.Post.aggregate<{ n: number }>([{ $unwind: '$tagIds' }, { $count: 'n' }]);
    const embedded = await m.PostDetail.aggregate<{ n: number }>([{ $unwind: '$comments' }, { $count: 'n' }]);
    assert.deepEqual(
      {
        users: await m.User.countDocuments(),
        tags: await m.Tag.countDocuments(),
        posts: await m.Post.countDocuments(),
        comments: await m.Comment.countDocuments(),
        postTags: tagRefs[0]?.n,
        maxComment: (await m.Counter.findById('comments').lean())?.seq,
      },
      want,
    );
    assert.equal(await m.PostDetail.countDocuments(), want.posts, 'one post_details document per post');
    assert.equal(embedded[0]?.n, want.comments, 'post_details embeds every comment');
  });

  for (const name of STRATEGIES.filter((n) => n !== 'mongoose-lookup')) {
    it(`${name} returns the PostgreSQL reference payload with its declared commands per request`, (t) => {
      if (skipUnlessUp(t, env, NEEDS)) return;
      const v = passed(name);
      assert.ok((v.outcome.samples ?? 0) >= 12, 'at least 12 samples');
    });
  }

  it('mongoose-lookup: one aggregate on MongoDB; on FerretDB 1.24 (no $lookup) it fails with the server error', (t) => {
    if (skipUnlessUp(t, env, NEEDS)) return;
    const v = verified.find((x) => x.strategy.name === 'mongoose-lookup');
    assert.ok(v);
    if (!onFerret()) return void passed('mongoose-lookup');
    assert.equal(v.status, 'failed');
    assert.match(v.status === 'failed' ? v.reason : '', /status 500.*\$lookup.*not implemented/);
  });

  it('mongoose-naive sends 4 + comments commands (N+1), checked at two fan-outs', async (t) => {
    if (skipUnlessUp(t, env, NEEDS)) return;
    const seen: number[] = [];
    for (const comments of [10, 100]) {
      const r = await read('mongoose-naive', env.info.fanoutPosts[comments] as number);
      assert.equal(r.queries, 4 + comments, `post with ${comments} comments`);
      seen.push(r.queries);
    }
    assert.ok((seen[1] as number) - (seen[0] as number) >= 90, 'commands grow with the fan-out');
  });

  it('mongoose-populate sends one command per non-empty relation level; mongoose-lean the same', async (t) => {
    if (skipUnlessUp(t, env, NEEDS)) return;
    for (const comments of [0, 1, 10, 100, 200]) {
      const id = comments === 0 ? env.info.edgePost : (env.info.fanoutPosts[comments] as number);
      // post + author + comments, + tags when the post has any, + comment authors when it has comments
      const want = 3 + (tagsOf(id) > 0 ? 1 : 0) + (comments > 0 ? 1 : 0);
      const populate = await read('mongoose-populate', id);
      const lean = await read('mongoose-lean', id);
      assert.equal(populate.queries, want, `populate, post ${id} with ${comments} comments`);
      assert.equal(lean.queries, populate.queries, `lean, post ${id}`);
      assert.deepEqual(lean.body, populate.body);
    }
  });

  it('mongoose-embedded sends exactly one command, whatever the fan-out', async (t) => {
    if (skipUnlessUp(t, env, NEEDS)) return;
    for (const id of [env.info.edgePost, ...Object.values(env.info.fanoutPosts)]) {
      assert.equal((await read('mongoose-embedded', id)).queries, 1, `post ${id}`);
    }
  });

  it('answers 404 for an unknown post and 400 for a malformed id', async (t) => {
    if (skipUnlessUp(t, env, NEEDS)) return;
    for (const v of verified) {
      if (v.status !== 'passed') continue;
      assert.equal((await v.server.trace('GET', '/posts/999999999')).status, 404, v.strategy.name);
      assert.equal((await v.server.trace('GET', '/posts/abc')).status, 400, v.strategy.name);
      const unknownAuthor = JSON.stringify({ authorId: 999_999_999, body: 'nobody' });
      assert.equal(
        (await v.server.trace('POST', '/posts/1/comments', unknownAuthor)).status,
        404,
        `${v.strategy.name} write, unknown author`,
      );
      const toNowhere = JSON.stringify({ authorId: 1, body: 'nowhere' });
      assert.equal(
        (await v.server.trace('POST', '/posts/999999999/comments', toNowhere)).status,
        404,
        `${v.strategy.name} write, unknown post`,
      );
    }
  });

  it('a written comment is read back by the strategy that wrote it, after every seeded comment', async (t) => {
    if (skipUnlessUp(t, env, NEEDS)) return;
    const maxSeeded = Math.max(...env.dataset.comments.map((c) => c.id));
    const author = env.dataset.users[2] as (typeof env.dataset.users)[number];
    for (const [i, v] of verified.filter((x) => x.status === 'passed').entries()) {
      // A post of its own per strategy: only mongoose-embedded's write maintains post_details.
      const id = env.info.edgePost + 1 + i;
      const body = `written through ${v.strategy.name}`;
      const w = await v.server.trace('POST', `/posts/${id}/comments`, JSON.stringify({ authorId: author.id, body }));
      assert.equal(w.status, 201, `${v.strategy.name}: ${w.body}`);
      const created = JSON.parse(w.body) as CreatedComment;
      assert.ok(created.id > maxSeeded, `${v.strategy.name}: new id ${created.id} is past the seeded ids`);
      const after = (await read(v.strategy.name, id)).body;
      assert.deepEqual(after.comments.at(-1), {
        id: created.id,
        body,
        createdAt: created.createdAt,
        author: { id: author.id, username: author.username, displayName: author.displayName },
      });
      // The read model and the normalized collections tell the same story after the write.
      if (v.strategy.name === 'mongoose-embedded') assert.deepEqual(after, (await read('mongoose-lean', id)).body);
    }
  });

  it('post_details keeps (createdAt, id) order when a racing write lands a later comment first', async (t) => {
    if (skipUnlessUp(t, env, NEEDS)) return;
    const id = env.info.fanoutPosts[10] as number;
    const before = (await read('mongoose-embedded', id)).body.comments;
    const middle = before[4] as PostDetail['comments'][number];
    const snapshot = { id: 1, username: 'u', displayName: 'U' };
    // Same time as a seeded comment but a larger id: it belongs right after it, not at the end.
    await pushEmbeddedComment(conn, id, { id: 900_000_001, body: 'late', createdAt: new Date(middle.createdAt), author: snapshot });
    const ids = (await read('mongoose-embedded', id)).body.comments.map((c) => c.id);
    const at = ids.indexOf(900_000_001);
    assert.ok(at >= 5 && at < ids.length - 1, `inserted in place (position ${at} of ${ids.length})`);
    const times = (await read('mongoose-embedded', id)).body.comments.map((c) => `${c.createdAt}#${String(c.id).padStart(10, '0')}`);
    assert.deepEqual(times, [...times].sort(), 'ordered by (createdAt, id)');
  });
});
