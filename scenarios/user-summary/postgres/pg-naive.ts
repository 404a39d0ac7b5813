// pg-naive — prisma-naive's loop over the raw driver: the user, their posts, then for each post a comment count and
// its tag names, one awaited round trip at a time, summed in JS. 2 + 2 × posts statements per request. It separates
// the cost of round trips from the cost of the ORM: the statements are prepared, the rows lean, and it still grows
// with the user's post count. Teams get here by porting an ORM loop to SQL statement by statement.
import { defineStrategy } from '../../../src/core/scenario.ts';
import type { Params, UserSummary } from '../contract.ts';
import { summarizeInJs, type LoadedPost } from '../lib/summarize.ts';

export default defineStrategy<Params, never, UserSummary>({
  name: 'pg-naive',
  technique: 'naive',
  client: 'pg',
  needs: ['postgres'],
  // user + posts + (comment count + tag names) per post; 1 for an unknown user.
  expectQueries: (f) => (f.exists ? 2 + 2 * (f.posts ?? 0) : 1),
  parity: { preparedStatements: true },
  read: async ({ id }, { pg }) => {
    const u = await pg.query<{ id: number; username: string; display_name: string }>({
      name: 'user-summary-naive-user',
      text: 'SELECT id, username, display_name FROM users WHERE id = $1',
      values: [id],
    });
    const user = u.rows[0];
    if (!user) return null;
    const posts = await pg.query<{ id: number; title: string; created_at: Date }>({
      name: 'user-summary-naive-posts',
      text: 'SELECT id, title, created_at FROM posts WHERE author_id = $1',
      values: [id],
    });
    const loaded: LoadedPost[] = [];
    for (const p of posts.rows) {
      const c = await pg.query<{ n: number }>({
        name: 'user-summary-naive-comments',
        text: 'SELECT count(*)::int AS n FROM comments WHERE post_id = $1',
        values: [p.id],
      });
      const t = await pg.query<{ name: string }>({
        name: 'user-summary-naive-tags',
        text: 'SELECT t.name FROM post_tags pt JOIN tags t ON t.id = pt.tag_id WHERE pt.post_id = $1',
        values: [p.id],
      });
      loaded.push({ id: p.id, title: p.title, createdAt: p.created_at, comments: c.rows[0]?.n ?? 0, tags: t.rows.map((r) => r.name) });
    }
    return summarizeInJs({ id: user.id, username: user.username, displayName: user.display_name }, loaded);
  },
});
