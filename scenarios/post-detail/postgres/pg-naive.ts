// pg-naive — the N+1 shape of prisma-naive over the raw driver: the post, its author, its comments, then each
// comment's author one at a time in a loop, the post's tag links, then each tag. 4 + N (comments) + T (tags) named
// statements per request. Next to prisma-naive it isolates what the round trips cost without any ORM in the way;
// next to pg-join, what they cost at all. It is what a hand-rolled repository layer (getUser(id) in a loop) gives.
import type pg from 'pg';
import { isoMs } from '../../../src/core/params.ts';
import { defineStrategy } from '../../../src/core/scenario.ts';
import { insertComment } from '../../shared/pg-comment-write.ts';
import type { NewComment, Params, PostDetail, UserRef } from '../contract.ts';

// Whole rows, as prisma-naive's findUnique fetches them (every scalar column), so the two differ only in the client.
export const POST = { name: 'pd-naive-post', text: 'SELECT id, author_id, title, body, created_at FROM posts WHERE id = $1' };
export const USER = { name: 'pd-naive-user', text: 'SELECT id, username, display_name, email, bio, created_at FROM users WHERE id = $1' };
export const COMMENTS = {
  name: 'pd-naive-comments',
  text: 'SELECT id, post_id, author_id, body, created_at FROM comments WHERE post_id = $1 ORDER BY created_at, id',
};
export const POST_TAGS = { name: 'pd-naive-post-tags', text: 'SELECT post_id, tag_id FROM post_tags WHERE post_id = $1' };
export const TAG = { name: 'pd-naive-tag', text: 'SELECT id, name FROM tags WHERE id = $1' };

export interface UserRow {
  id: number;
  username: string;
  display_name: string;
}

export async function one<R extends pg.QueryResultRow>(db: pg.Pool, q: { name: string; text: string }, id: number): Promise<R> {
  const r = await db.query<R>({ ...q, values: [id] });
  const row = r.rows[0];
  if (!row) throw new Error(`${q.name}: no row for id ${id}`);
  return row;
}

export const ref = (u: UserRow): UserRef => ({ id: u.id, username: u.username, displayName: u.display_name });

export default defineStrategy<Params, NewComment, PostDetail>({
  name: 'pg-naive',
  technique: 'naive',
  client: 'pg',
  needs: ['postgres'],
  expectQueries: (f) => (f.exists ? 4 + (f.comments ?? 0) + (f.tags ?? 0) : 1),
  parity: { preparedStatements: true },
  read: async ({ id }, { pg: db }) => {
    const posts = await db.query<{ id: number; author_id: number; title: string; body: string; created_at: Date }>({
      ...POST,
      values: [id],
    });
    const post = posts.rows[0];
    if (!post) return null;
    const author = await one<UserRow>(db, USER, post.author_id);
    const comments = await db.query<{ id: number; author_id: number; body: string; created_at: Date }>({ ...COMMENTS, values: [id] });
    const outComments: PostDetail['comments'] = [];
    for (const c of comments.rows) {
      const commenter = await one<UserRow>(db, USER, c.author_id);
      outComments.push({ id: c.id, body: c.body, createdAt: isoMs(c.created_at), author: ref(commenter) });
    }
    const links = await db.query<{ tag_id: number }>({ ...POST_TAGS, values: [id] });
    const tags: string[] = [];
    for (const l of links.rows) tags.push((await one<{ name: string }>(db, TAG, l.tag_id)).name);
    tags.sort();
    return {
      id: post.id,
      title: post.title,
      body: post.body,
      createdAt: isoMs(post.created_at),
      author: ref(author),
      tags,
      comments: outComments,
    };
  },
  write: ({ id }, comment, ctx) => insertComment(ctx.pg, id, comment),
});
