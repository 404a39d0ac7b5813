// pg-naive-parallel — pg-naive's N+1 with the awaits made concurrent: after the post, its author, its comments and
// its tag links are requested at once, then every comment's author and every tag at once (Promise.all). Exactly
// pg-naive's 4 + N (comments) + T (tags) named statements per request: the difference is timing only.
// A team reaches for it when an endpoint is slow and "just parallelize the awaits" is the cheapest change: at low
// load one request's round trips overlap (its latency approaches the longest chain, three round trips deep, instead of
// their sum). What it costs: one request now holds up to N pool connections at once, so under concurrency requests
// queue for the pool (poolSize per process), the database serves the same number of statements, and throughput is no
// better than pg-naive's, and can be worse; pg-join removes the round trips instead of overlapping them.
import { isoMs } from '../../../src/core/params.ts';
import { defineStrategy } from '../../../src/core/scenario.ts';
import { insertComment } from '../../shared/pg-comment-write.ts';
import type { NewComment, Params, PostDetail } from '../contract.ts';
import { COMMENTS, one, POST, POST_TAGS, ref, TAG, USER, type UserRow } from './pg-naive.ts';

export default defineStrategy<Params, NewComment, PostDetail>({
  name: 'pg-naive-parallel',
  technique: 'naive',
  client: 'pg',
  needs: ['postgres'],
  expectQueries: (f) => (f.exists ? 4 + (f.comments ?? 0) + (f.tags ?? 0) : 1),
  parity: { preparedStatements: true, awaits: 'parallel', sameQueriesAs: 'pg-naive' },
  read: async ({ id }, { pg: db }) => {
    const posts = await db.query<{ id: number; author_id: number; title: string; body: string; created_at: Date }>({
      ...POST,
      values: [id],
    });
    const post = posts.rows[0];
    if (!post) return null;
    const [author, comments, tags] = await Promise.all([
      one<UserRow>(db, USER, post.author_id),
      db.query<{ id: number; author_id: number; body: string; created_at: Date }>({ ...COMMENTS, values: [id] }).then((r) =>
        Promise.all(
          r.rows.map(async (c) => {
            const commenter = await one<UserRow>(db, USER, c.author_id);
            return { id: c.id, body: c.body, createdAt: isoMs(c.created_at), author: ref(commenter) };
          }),
        ),
      ),
      db
        .query<{ tag_id: number }>({ ...POST_TAGS, values: [id] })
        .then((r) => Promise.all(r.rows.map(async (l) => (await one<{ name: string }>(db, TAG, l.tag_id)).name))),
    ]);
    return {
      id: post.id,
      title: post.title,
      body: post.body,
      createdAt: isoMs(post.created_at),
      author: ref(author),
      tags: tags.sort(),
      comments,
    };
  },
  write: ({ id }, comment, ctx) => insertComment(ctx.pg, id, comment),
});
