// post-detail — GET /posts/:id: one post with its author, its tags, and all its comments each with its author.
// Deep fan-out: the textbook N+1 when comment authors are fetched one by one.
// The contract its strategies are written against; index.ts lists the strategies.
import { defineContract, type WriteSpec } from '../../src/core/scenario.ts';
import { BadRequest } from '../../src/core/errors.ts';
import { positiveInt } from '../../src/core/params.ts';
import type { CreatedComment, NewComment, UserRef } from '../shared/contract.ts';

export type { CreatedComment, NewComment, UserRef };

/**
 * The payload contract. Comments are ordered by (createdAt, id); tags by name in byte order (COLLATE "C" in SQL, JS's
 * default sort, MongoDB's default binary comparison), whatever the database's default collation.
 */
export interface PostDetail {
  id: number;
  title: string;
  body: string;
  createdAt: string;
  author: UserRef;
  tags: string[];
  comments: Array<{ id: number; body: string; createdAt: string; author: UserRef }>;
}

export interface Params {
  id: number;
}

/**
 * POST /posts/:id/comments: a new comment on a post. Feed serves the same write (its comment counts must follow it);
 * freshness and verification are defined against this scenario's payload, which lists the post's comments.
 */
export const addComment: WriteSpec<NewComment> = {
  route: { method: 'POST', path: '/posts/:id/comments' },
  // Uniform over all posts: if writes followed the hot-post reads, a strategy's hot payloads would grow with its own
  // throughput, and the faster strategies would be penalized by the comments they themselves added. The stale-read
  // probe reads exactly the posts just written, so it does not depend on reads hitting them.
  target: (rng, ds) => ({ id: String(rng.int(1, ds.counts.posts)) }),
  body: (rng, ds) => ({ authorId: ds.pickUser(rng), body: `Comment ${rng.int(1, 1e9)} from the mixed load` }),
  parseBody: (raw) => {
    const b = raw as Partial<NewComment> | null;
    if (!b || typeof b !== 'object') throw new BadRequest('body must be an object {authorId, body}');
    if (typeof b.authorId !== 'number' || !Number.isInteger(b.authorId) || b.authorId < 1 || b.authorId > 2_147_483_647) {
      throw new BadRequest('authorId must be a positive integer');
    }
    if (typeof b.body !== 'string' || b.body.length === 0 || b.body.length > 2000) throw new BadRequest('body must be 1–2000 characters');
    return { authorId: b.authorId, body: b.body };
  },
  affects: (params) => ({ id: params.id as string }),
  freshness: {
    primary: async (params, ctx) =>
      (await ctx.pg.query<{ n: number }>('SELECT count(*)::int AS n FROM comments WHERE post_id = $1', [Number(params.id)])).rows[0]?.n ??
      0,
    observed: (payload) => (payload as PostDetail).comments.length,
  },
  // The post's own author comments on it (a user the payload already describes); the new comment is the latest, so
  // it comes last in (createdAt, id) order.
  verify: {
    body: (before) => ({ authorId: (before as PostDetail).author.id, body: 'A comment written by verification' }),
    after: (before, created) => {
      const p = before as PostDetail;
      const c = created as CreatedComment;
      return { ...p, comments: [...p.comments, { id: c.id, body: c.body, createdAt: c.createdAt, author: p.author }] };
    },
  },
};

export const contract = defineContract<Params, NewComment>({
  name: 'post-detail',
  summary: 'One post with its author, its tags, and every comment with its author',
  route: { method: 'GET', path: '/posts/:id' },
  params: (rng, ds) => ({ id: String(ds.pickPost(rng)) }),
  parse: (raw) => ({ id: positiveInt(raw.id, 'id') }),
  facts: async ({ id }, ctx) => {
    // otherCommenters: distinct comment authors besides the post's author (a per-request DataLoader has that one).
    const r = await ctx.pg.query<{ exists: number; comments: number; tags: number; otherCommenters: number }>(
      `SELECT (SELECT count(*) FROM posts WHERE id = $1)::int AS exists,
              (SELECT count(*) FROM comments WHERE post_id = $1)::int AS comments,
              (SELECT count(*) FROM post_tags WHERE post_id = $1)::int AS tags,
              (SELECT count(DISTINCT c.author_id) FROM comments c JOIN posts p ON p.id = c.post_id
                WHERE c.post_id = $1 AND c.author_id <> p.author_id)::int AS "otherCommenters"`,
      [id],
    );
    const row = r.rows[0] ?? { exists: 0, comments: 0, tags: 0, otherCommenters: 0 };
    return { exists: row.exists, comments: row.comments, tags: row.tags, otherCommenters: row.otherCommenters };
  },
  reference: 'pg-join',
  writes: addComment,
  fanout: (ds) => Object.entries(ds.fanoutPosts).map(([n, id]) => ({ n: Number(n), params: { id: String(id) } })),
  sample: (ds, n, rng) => {
    const ids = new Set<number>([ds.edgePost, ...Object.values(ds.fanoutPosts).slice(0, 3)]);
    while (ids.size < n) ids.add(ds.pickPost(rng));
    return [...ids].map((id) => ({ id: String(id) }));
  },
});
