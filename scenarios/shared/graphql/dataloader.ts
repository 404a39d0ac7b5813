// The DataLoader resolvers: the same field resolvers as the naive set, but every lookup goes through a loader that
// collects the keys asked for in one tick and fetches them with one `= ANY($1)` query; the loaders are created per
// request (their cache must not outlive it, or it would serve stale rows and leak across users). One level of the
// selection costs one query per loader however many parents it has: post-detail is the post, then its author, its
// comments and its tag links, then the comment authors not already loaded and the tags.
import DataLoader from 'dataloader';
import type pg from 'pg';
import type { Ctx } from '../../../src/core/context.ts';
import { isoMs } from '../../../src/core/params.ts';
import { feedPage, offsetOf, PAGE_SIZE, postId } from './args.ts';
import { schemaWith } from './server.ts';

const Q = {
  post: { name: 'gql-dl-post', text: 'SELECT id, author_id, title, body, created_at FROM posts WHERE id = $1' },
  page: {
    name: 'gql-dl-page',
    text: `SELECT id, author_id, title, body, created_at FROM posts ORDER BY created_at DESC, id DESC LIMIT ${PAGE_SIZE} OFFSET $1`,
  },
  users: { name: 'gql-dl-users', text: 'SELECT id, username, display_name FROM users WHERE id = ANY($1::int[])' },
  tags: { name: 'gql-dl-tags', text: 'SELECT id, name FROM tags WHERE id = ANY($1::int[])' },
  comments: {
    name: 'gql-dl-comments',
    text: 'SELECT id, post_id, author_id, body, created_at FROM comments WHERE post_id = ANY($1::int[]) ORDER BY created_at, id',
  },
  commentCounts: {
    name: 'gql-dl-comment-counts',
    text: 'SELECT post_id, count(*)::int AS n FROM comments WHERE post_id = ANY($1::int[]) GROUP BY post_id',
  },
  postTags: { name: 'gql-dl-post-tags', text: 'SELECT post_id, tag_id FROM post_tags WHERE post_id = ANY($1::int[])' },
} as const;

interface Row {
  id: number;
  author_id: number;
  created_at: Date;
}
interface Child {
  post_id: number;
}

type Query = { name: string; text: string };

/** One row per key (by `id`), in key order; a missing row is an error for that key only. */
function byId<R extends { id: number }>(db: pg.Pool, q: Query): DataLoader<number, R> {
  return new DataLoader(async (ids) => {
    const found = new Map((await db.query<R>({ ...q, values: [ids] })).rows.map((r) => [r.id, r]));
    return ids.map((id) => found.get(id) ?? new Error(`${q.name}: no row for id ${id}`));
  });
}

/** Every row of each key's post (by `post_id`), in the query's order. */
function byPost<R extends Child>(db: pg.Pool, q: Query): DataLoader<number, R[]> {
  return new DataLoader(async (ids) => {
    const groups = new Map<number, R[]>(ids.map((id) => [id, []]));
    for (const r of (await db.query<R>({ ...q, values: [ids] })).rows) groups.get(r.post_id)?.push(r);
    return ids.map((id) => groups.get(id) ?? []);
  });
}

export interface Loaders {
  ctx: Ctx;
  users: DataLoader<number, { id: number; username: string; display_name: string }>;
  tags: DataLoader<number, { id: number; name: string }>;
  comments: DataLoader<number, Array<Row & Child>>;
  commentCounts: DataLoader<number, number>;
  postTags: DataLoader<number, Array<Child & { tag_id: number }>>;
}

/** A fresh loader set for one request. */
export function loadersFor(ctx: Ctx): Loaders {
  const db = ctx.pg;
  return {
    ctx,
    users: byId(db, Q.users),
    tags: byId(db, Q.tags),
    comments: byPost(db, Q.comments),
    postTags: byPost(db, Q.postTags),
    commentCounts: new DataLoader(async (ids) => {
      const n = new Map(
        (await db.query<{ post_id: number; n: number }>({ ...Q.commentCounts, values: [ids] })).rows.map((r) => [r.post_id, r.n]),
      );
      return ids.map((id) => n.get(id) ?? 0);
    }),
  };
}

export const dataloaderSchema = schemaWith<Loaders>({
  Query: {
    post: async (_: unknown, a: { id: number }, l) => (await l.ctx.pg.query<Row>({ ...Q.post, values: [postId(a.id)] })).rows[0] ?? null,
    feed: async (_: unknown, a: { page: number }, l) => ({
      page: feedPage(a.page),
      posts: (await l.ctx.pg.query<Row>({ ...Q.page, values: [offsetOf(a.page)] })).rows,
    }),
  },
  Post: {
    createdAt: (p: Row) => isoMs(p.created_at),
    author: (p: Row, _a, l) => l.users.load(p.author_id),
    comments: (p: Row, _a, l) => l.comments.load(p.id),
    commentCount: (p: Row, _a, l) => l.commentCounts.load(p.id),
    tags: (p: Row, _a, l) => l.postTags.load(p.id),
  },
  Comment: {
    createdAt: (c: Row) => isoMs(c.created_at),
    author: (c: Row, _a, l) => l.users.load(c.author_id),
  },
  Tag: { name: async (t: { tag_id: number }, _a, l) => (await l.tags.load(t.tag_id)).name },
  User: { displayName: (u: { display_name: string }) => u.display_name },
});
