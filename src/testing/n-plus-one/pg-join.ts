// TEST FIXTURE, never registered as a strategy: post-detail's pg-join as a PR might break it — the same payload, but
// each comment's author fetched one by one (an N+1). src/compare/cost-gate.test.ts copies this file over
// scenarios/post-detail/postgres/pg-join.ts in a copy of the tree and measures that tree as "head". It sits at the
// same depth as the file it replaces, so its relative imports resolve in both places (and it typechecks here).
import { isoMs } from '../../../src/core/params.ts';
import { defineStrategy } from '../../../src/core/scenario.ts';
import type { NewComment, Params, PostDetail } from '../../../scenarios/post-detail/contract.ts';
import { insertComment } from '../../../scenarios/shared/pg-comment-write.ts';

const POST = `
SELECT p.id, p.title, p.body, p.created_at, u.id AS author_id, u.username, u.display_name,
       coalesce((SELECT array_agg(t.name ORDER BY t.name COLLATE "C")
                 FROM post_tags pt JOIN tags t ON t.id = pt.tag_id WHERE pt.post_id = p.id), '{}') AS tags
FROM posts p JOIN users u ON u.id = p.author_id WHERE p.id = $1`;
const COMMENTS = 'SELECT id, author_id, body, created_at FROM comments WHERE post_id = $1 ORDER BY created_at, id';
const USER = 'SELECT id, username, display_name FROM users WHERE id = $1';

interface UserRow {
  id: number;
  username: string;
  display_name: string;
}

export default defineStrategy<Params, NewComment, PostDetail>({
  name: 'pg-join',
  technique: 'raw',
  client: 'pg',
  needs: ['postgres'],
  // What the PR's author would write: the expectation follows the code, so verification passes.
  expectQueries: (f) => (f.exists ? 2 + (f.comments ?? 0) : 1),
  parity: { preparedStatements: true },
  read: async ({ id }, { pg: db }) => {
    const post = (
      await db.query<{
        id: number;
        title: string;
        body: string;
        created_at: Date;
        author_id: number;
        username: string;
        display_name: string;
        tags: string[];
      }>({ name: 'n1-post', text: POST, values: [id] })
    ).rows[0];
    if (!post) return null;
    const comments = await db.query<{ id: number; author_id: number; body: string; created_at: Date }>({
      name: 'n1-comments',
      text: COMMENTS,
      values: [id],
    });
    const out: PostDetail['comments'] = [];
    for (const c of comments.rows) {
      const u = (await db.query<UserRow>({ name: 'n1-user', text: USER, values: [c.author_id] })).rows[0] as UserRow;
      out.push({
        id: c.id,
        body: c.body,
        createdAt: isoMs(c.created_at),
        author: { id: u.id, username: u.username, displayName: u.display_name },
      });
    }
    return {
      id: post.id,
      title: post.title,
      body: post.body,
      createdAt: isoMs(post.created_at),
      author: { id: post.author_id, username: post.username, displayName: post.display_name },
      tags: post.tags,
      comments: out,
    };
  },
  write: ({ id }, comment, ctx) => insertComment(ctx.pg, id, comment),
});
