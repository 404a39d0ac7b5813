// pg-naive-parallel — the feed's pg-naive with its awaits made concurrent: after the page, every post's author,
// comment count and tag links at once, then every tag at once (Promise.all). Exactly pg-naive's 1 + 3·posts +
// post_tags named statements: the difference is timing only. A team reaches for it when "just parallelize the
// awaits" is the cheapest fix: at low load the page waits for its longest chain (three round trips) instead of ~100
// in a row. What it costs: one request asks the pool for dozens of connections at once, so under concurrency requests
// queue for the pool and the database serves as many statements as before; pg-join removes the round trips instead.
import { isoMs } from '../../../src/core/params.ts';
import { defineStrategy } from '../../../src/core/scenario.ts';
import { commentedPost, offsetOf, type FeedPage, type NewComment, type Params } from '../contract.ts';
import { insertComment } from '../../shared/pg-comment-write.ts';
import { Q, type PostRow } from './pg-naive.ts';

export default defineStrategy<Params, NewComment, FeedPage>({
  name: 'pg-naive-parallel',
  technique: 'naive',
  client: 'pg',
  needs: ['postgres'],
  runIn: ['full'],
  expectQueries: (f) => 1 + 3 * (f.posts ?? 0) + (f.postTags ?? 0),
  parity: { preparedStatements: true, awaits: 'parallel', sameQueriesAs: 'pg-naive' },
  read: async ({ page }, { pg }) => {
    const posts = (await pg.query<PostRow>({ ...Q.page, values: [offsetOf(page)] })).rows;
    const out = await Promise.all(
      posts.map(async (p) => {
        const [u, count, tags] = await Promise.all([
          pg.query<{ id: number; username: string; display_name: string }>({ ...Q.author, values: [p.author_id] }).then((r) => r.rows[0]),
          pg.query<{ n: number }>({ ...Q.comments, values: [p.id] }).then((r) => r.rows[0]?.n ?? 0),
          pg
            .query<{ tag_id: number }>({ ...Q.links, values: [p.id] })
            .then((r) =>
              Promise.all(r.rows.map(async (l) => (await pg.query<{ name: string }>({ ...Q.tag, values: [l.tag_id] })).rows[0]?.name)),
            ),
        ]);
        if (!u) throw new Error(`post ${p.id} has no author ${p.author_id}`);
        return {
          id: p.id,
          title: p.title,
          createdAt: isoMs(p.created_at),
          author: { id: u.id, username: u.username, displayName: u.display_name },
          commentCount: count,
          tags: tags.filter((t): t is string => t !== undefined).sort(),
        };
      }),
    );
    return { page, posts: out };
  },
  write: (params, comment, ctx) => insertComment(ctx.pg, commentedPost(params), comment),
});
