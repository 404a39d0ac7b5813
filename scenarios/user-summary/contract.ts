// user-summary — GET /users/:id/summary: a user with aggregates over their posts (post count, comments received,
// top tags) and their latest posts. The question it asks: aggregate in the application (ORM rows summed in JS) or in
// the database (SQL / the ORM's aggregation API)? Read-only: there is no write route, so no strategy has a write path.
// The contract its strategies are written against; index.ts lists the strategies.
import { defineContract } from '../../src/core/scenario.ts';
import { positiveInt } from '../../src/core/params.ts';

/**
 * The payload contract. `commentsReceived` counts comments on the user's posts, by anyone. `topTags`: the 5 most used
 * tags over the user's posts, by count DESC then name ASC (byte order). `latestPosts`: the 5 latest posts by
 * (createdAt DESC, id DESC). A user without posts has zeros and empty arrays.
 */
export interface UserSummary {
  id: number;
  username: string;
  displayName: string;
  postCount: number;
  commentsReceived: number;
  topTags: Array<{ name: string; count: number }>;
  latestPosts: Array<{ id: number; title: string; createdAt: string }>;
}

export interface Params {
  id: number;
}

/** How many tags and posts the payload lists. */
export const TOP_TAGS = 5;
export const LATEST_POSTS = 5;

export const contract = defineContract<Params>({
  name: 'user-summary',
  summary: 'A user with post count, comments received, top tags and latest posts: aggregation in JS vs in SQL',
  route: { method: 'GET', path: '/users/:id/summary' },
  // Zipf over a fixed shuffle of user ids. Authorship is Zipf-skewed over ids (see the generator), independently of
  // this access order, so the hot users are a mix of prolific and occasional authors.
  params: (rng, ds) => ({ id: String(ds.pickUser(rng)) }),
  parse: (raw) => ({ id: positiveInt(raw.id, 'id') }),
  // exists: 0 | 1; posts: the user's posts; tags: distinct tags over those posts (whether a tag-name lookup runs).
  facts: async ({ id }, ctx) => {
    const r = await ctx.pg.query<{ exists: number; posts: number; tags: number }>(
      `SELECT (SELECT count(*) FROM users WHERE id = $1)::int AS exists,
              (SELECT count(*) FROM posts WHERE author_id = $1)::int AS posts,
              (SELECT count(DISTINCT pt.tag_id) FROM posts p JOIN post_tags pt ON pt.post_id = p.id
                WHERE p.author_id = $1)::int AS tags`,
      [id],
    );
    const row = r.rows[0] ?? { exists: 0, posts: 0, tags: 0 };
    return { exists: row.exists, posts: row.posts, tags: row.tags };
  },
  reference: 'pg-join',
  // Edge cases first: a user without posts, the most prolific author (the generator ranks authorship by id, so user 1
  // wrote the most posts: the widest N+1), and an unknown id (every strategy's 404 path and its query count).
  sample: (ds, n, rng) => {
    const ids = new Set<number>([1]);
    if (ds.idleUser !== undefined) ids.add(ds.idleUser);
    const out = [String(ds.counts.users + 1)];
    while (ids.size < Math.min(n - 1, ds.counts.users)) ids.add(ds.pickUser(rng));
    return [...[...ids].map(String), ...out].map((id) => ({ id }));
  },
});
