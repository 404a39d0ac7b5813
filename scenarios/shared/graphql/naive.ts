// The naive resolvers: every field that leads to another row queries for it, once per parent object, as resolvers are
// first written (a resolver per field, each with its own query). The statements are pg-naive's (post-detail): whole
// rows by id, so a GraphQL request issues exactly the queries of the REST N+1. graphql-js resolves sibling fields and
// list items concurrently, so these queries go out the way pg-naive-parallel sends them, not one by one.
import type pg from 'pg';
import type { Ctx } from '../../../src/core/context.ts';
import { isoMs } from '../../../src/core/params.ts';
import { feedPage, offsetOf, PAGE_SIZE, postId } from './args.ts';
import { schemaWith } from './server.ts';

const Q = {
  post: { name: 'gql-naive-post', text: 'SELECT id, author_id, title, body, created_at FROM posts WHERE id = $1' },
  page: {
    name: 'gql-naive-page',
    text: `SELECT id, author_id, title, body, created_at FROM posts ORDER BY created_at DESC, id DESC LIMIT ${PAGE_SIZE} OFFSET $1`,
  },
  user: { name: 'gql-naive-user', text: 'SELECT id, username, display_name, email, bio, created_at FROM users WHERE id = $1' },
  comments: {
    name: 'gql-naive-comments',
    text: 'SELECT id, post_id, author_id, body, created_at FROM comments WHERE post_id = $1 ORDER BY created_at, id',
  },
  commentCount: { name: 'gql-naive-comment-count', text: 'SELECT count(*)::int AS n FROM comments WHERE post_id = $1' },
  postTags: { name: 'gql-naive-post-tags', text: 'SELECT post_id, tag_id FROM post_tags WHERE post_id = $1' },
  tag: { name: 'gql-naive-tag', text: 'SELECT id, name FROM tags WHERE id = $1' },
} as const;

interface Row {
  id: number;
  author_id: number;
  created_at: Date;
}

async function rows<R extends pg.QueryResultRow>(db: pg.Pool, q: { name: string; text: string }, id: number): Promise<R[]> {
  return (await db.query<R>({ ...q, values: [id] })).rows;
}

async function one<R extends pg.QueryResultRow>(db: pg.Pool, q: { name: string; text: string }, id: number): Promise<R> {
  const row = (await rows<R>(db, q, id))[0];
  if (!row) throw new Error(`${q.name}: no row for id ${id}`);
  return row;
}

export const naiveSchema = schemaWith<Ctx>({
  Query: {
    post: async (_: unknown, a: { id: number }, ctx) => (await rows<Row>(ctx.pg, Q.post, postId(a.id)))[0] ?? null,
    feed: async (_: unknown, a: { page: number }, ctx) => ({
      page: feedPage(a.page),
      posts: await rows<Row>(ctx.pg, Q.page, offsetOf(a.page)),
    }),
  },
  Post: {
    createdAt: (p: Row) => isoMs(p.created_at),
    author: (p: Row, _a, ctx) => one(ctx.pg, Q.user, p.author_id),
    comments: (p: Row, _a, ctx) => rows(ctx.pg, Q.comments, p.id),
    commentCount: async (p: Row, _a, ctx) => (await one<{ n: number }>(ctx.pg, Q.commentCount, p.id)).n,
    tags: (p: Row, _a, ctx) => rows(ctx.pg, Q.postTags, p.id),
  },
  Comment: {
    createdAt: (c: Row) => isoMs(c.created_at),
    author: (c: Row, _a, ctx) => one(ctx.pg, Q.user, c.author_id),
  },
  Tag: { name: async (l: { tag_id: number }, _a, ctx) => (await one<{ name: string }>(ctx.pg, Q.tag, l.tag_id)).name },
  User: { displayName: (u: { display_name: string }) => u.display_name },
});
