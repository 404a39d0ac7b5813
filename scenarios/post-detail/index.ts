// post-detail — GET /posts/:id: one post with its author, its tags, and all its comments each with its author.
// Deep fan-out: the textbook N+1 when comment authors are fetched one by one.
import { defineScenario, type Strategy } from '../../src/core/scenario.ts';
import { positiveInt } from '../../src/core/params.ts';

export interface UserRef {
  id: number;
  username: string;
  displayName: string;
}

/** The payload contract. Comments are ordered by (createdAt, id); tags by name (byte order). */
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

export type PostDetailStrategy = Strategy<Params, never, PostDetail>;

export default defineScenario<Params>({
  name: 'post-detail',
  summary: 'One post with its author, its tags, and every comment with its author',
  route: { method: 'GET', path: '/posts/:id' },
  params: (rng, ds) => ({ id: String(ds.pickPost(rng)) }),
  parse: (raw) => ({ id: positiveInt(raw.id, 'id') }),
  facts: async ({ id }, ctx) => {
    const r = await ctx.pg.query<{ exists: number; comments: number; tags: number }>(
      `SELECT (SELECT count(*) FROM posts WHERE id = $1)::int AS exists,
              (SELECT count(*) FROM comments WHERE post_id = $1)::int AS comments,
              (SELECT count(*) FROM post_tags WHERE post_id = $1)::int AS tags`,
      [id],
    );
    const row = r.rows[0] ?? { exists: 0, comments: 0, tags: 0 };
    return { exists: row.exists, comments: row.comments, tags: row.tags };
  },
  reference: 'pg-join',
  sample: (ds, n, rng) => {
    const ids = new Set<number>([ds.edgePost, ...Object.values(ds.fanoutPosts).slice(0, 3)]);
    while (ids.size < n) ids.add(ds.pickPost(rng));
    return [...ids].map((id) => ({ id: String(id) }));
  },
  strategies: {
    'pg-join': () => import('./postgres/pg-join.ts'),
    'prisma-naive': () => import('./postgres/prisma-naive.ts'),
    'prisma-include': () => import('./postgres/prisma-include.ts'),
  },
});
