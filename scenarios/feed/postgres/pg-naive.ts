// pg-naive — the N+1 page over the raw driver: fetch the page of posts, then for each post its author, its comment
// count and its tag links, then each tag, one awaited round trip at a time: 1 + 3·posts + post_tags queries.
// It has exactly prisma-naive's shape, so the two differ only by ORM cost; what remains is the price of round trips.
// Named statements, so each is parsed and planned once per connection, as production pg code does.
import { isoMs } from '../../../src/core/params.ts';
import { defineStrategy } from '../../../src/core/scenario.ts';
import { commentedPost, offsetOf, PAGE_SIZE, type FeedItem, type FeedPage, type NewComment, type Params } from '../contract.ts';
import { insertComment } from '../../shared/pg-comment-write.ts';

export const Q = {
  page: {
    name: 'feed-naive-page',
    text: `SELECT id, author_id, title, created_at FROM posts ORDER BY created_at DESC, id DESC LIMIT ${PAGE_SIZE} OFFSET $1`,
  },
  author: { name: 'feed-naive-author', text: 'SELECT id, username, display_name FROM users WHERE id = $1' },
  comments: { name: 'feed-naive-comment-count', text: 'SELECT count(*)::int AS n FROM comments WHERE post_id = $1' },
  links: { name: 'feed-naive-post-tags', text: 'SELECT tag_id FROM post_tags WHERE post_id = $1' },
  tag: { name: 'feed-naive-tag', text: 'SELECT name FROM tags WHERE id = $1' },
} as const;

export interface PostRow {
  id: number;
  author_id: number;
  title: string;
  created_at: Date;
}

export default defineStrategy<Params, NewComment, FeedPage>({
  name: 'pg-naive',
  technique: 'naive',
  client: 'pg',
  needs: ['postgres'],
  // 1 (page) + per post: author, comment count, tag links (3) + per tag link: the tag (1).
  expectQueries: (f) => 1 + 3 * (f.posts ?? 0) + (f.postTags ?? 0),
  parity: { preparedStatements: true },
  read: async ({ page }, { pg }) => {
    const posts = (await pg.query<PostRow>({ ...Q.page, values: [offsetOf(page)] })).rows;
    const out: FeedItem[] = [];
    for (const p of posts) {
      const u = (await pg.query<{ id: number; username: string; display_name: string }>({ ...Q.author, values: [p.author_id] })).rows[0];
      if (!u) throw new Error(`post ${p.id} has no author ${p.author_id}`);
      const count = (await pg.query<{ n: number }>({ ...Q.comments, values: [p.id] })).rows[0]?.n ?? 0;
      const links = (await pg.query<{ tag_id: number }>({ ...Q.links, values: [p.id] })).rows;
      const tags: string[] = [];
      for (const l of links) {
        const t = (await pg.query<{ name: string }>({ ...Q.tag, values: [l.tag_id] })).rows[0];
        if (t) tags.push(t.name);
      }
      out.push({
        id: p.id,
        title: p.title,
        createdAt: isoMs(p.created_at),
        author: { id: u.id, username: u.username, displayName: u.display_name },
        commentCount: count,
        tags: tags.sort(),
      });
    }
    return { page, posts: out };
  },
  write: (params, comment, ctx) => insertComment(ctx.pg, commentedPost(params), comment),
});
