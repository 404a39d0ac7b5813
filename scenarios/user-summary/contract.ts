// user-summary — GET /users/:id/summary: a user with aggregates over their posts (post count, comments received,
// top tags) and their latest posts. The question it asks: aggregate in the application (ORM rows summed in JS) or in
// the database (SQL / the ORM's aggregation API)? Its own load only reads; its write (a user publishes a post,
// `addPost`) is what user-summary-mixed mixes in, so the strategies that take part there have a write path.
// The contract its strategies are written against; index.ts lists the strategies.
import { defineContract, type WriteSpec } from '../../src/core/scenario.ts';
import { positiveInt } from '../../src/core/params.ts';
import { BadRequest } from '../../src/core/errors.ts';

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

/** POST /users/:id/posts: the user publishes a post (no tags: see `addPost`). */
export interface NewPost {
  title: string;
  body: string;
}

/** The write's reply (201): the post as the summary's `latestPosts` lists it, and its author. */
export interface CreatedPost {
  id: number;
  authorId: number;
  title: string;
  createdAt: string;
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

/** Where a post falls in `latestPosts`: (createdAt DESC, id DESC); ISO strings of one format sort as times do. */
const newerFirst = (a: { id: number; createdAt: string }, b: { id: number; createdAt: string }): number =>
  a.createdAt === b.createdAt ? b.id - a.id : a.createdAt < b.createdAt ? 1 : -1;

/**
 * The write that changes a summary: a new post by the user, which moves postCount and latestPosts. It carries no tags,
 * so topTags is unchanged and verification can state the summary after it exactly (a tagged post would need the
 * whole tag ranking recomputed). Targets are uniform over users, not the Zipf-hot read order (see post-detail's write).
 */
export const addPost: WriteSpec<NewPost> = {
  route: { method: 'POST', path: '/users/:id/posts' },
  target: (rng, ds) => ({ id: String(rng.int(1, ds.counts.users)) }),
  body: (rng) => ({ title: `Post ${rng.int(1, 1e9)} from the mixed load`, body: 'Written by the mixed load.' }),
  parseBody: (raw) => {
    const b = raw as Partial<NewPost> | null;
    if (!b || typeof b !== 'object') throw new BadRequest('body must be an object {title, body}');
    if (typeof b.title !== 'string' || b.title.length === 0 || b.title.length > 200) throw new BadRequest('title must be 1–200 characters');
    if (typeof b.body !== 'string' || b.body.length === 0 || b.body.length > 10_000)
      throw new BadRequest('body must be 1–10000 characters');
    return { title: b.title, body: b.body };
  },
  affects: (params) => ({ id: params.id as string }),
  freshness: {
    primary: async (params, ctx) =>
      (await ctx.pg.query<{ n: number }>('SELECT count(*)::int AS n FROM posts WHERE author_id = $1', [Number(params.id)])).rows[0]?.n ?? 0,
    observed: (payload) => (payload as UserSummary).postCount,
  },
  verify: {
    body: () => ({ title: 'A post written by verification', body: 'Verification checks that the summary shows it.' }),
    after: (before, created) => {
      const s = before as UserSummary;
      const c = created as CreatedPost;
      const post = { id: c.id, title: c.title, createdAt: c.createdAt };
      return { ...s, postCount: s.postCount + 1, latestPosts: [...s.latestPosts, post].sort(newerFirst).slice(0, LATEST_POSTS) };
    },
  },
};
