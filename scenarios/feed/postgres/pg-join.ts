// pg-join — one SQL statement over the raw driver: the page of posts is cut from the (created_at, id) index first,
// then joined to its authors, with the comment count and tag names as correlated subqueries, and PostgreSQL builds
// the whole JSON page itself; Node passes the text through. One round trip for any page size.
// Choose it for a hot, stable endpoint; it costs hand-written SQL the team must own (and review when the schema moves).
import type pg from 'pg';
import { RawJson } from '../../../src/core/context.ts';
import { sqlIsoMs } from '../../../src/core/params.ts';
import { defineStrategy, type DbReference } from '../../../src/core/scenario.ts';
import { commentedPost, offsetOf, PAGE_SIZE, type FeedPage, type NewComment, type Params } from '../contract.ts';
import { insertComment } from '../../shared/pg-comment-write.ts';

// The inner LIMIT/OFFSET runs on posts alone, so the planner reads posts_created_at_id_idx in order and stops after
// OFFSET + 20 entries; the join and the subqueries then touch only the page's rows.
// COLLATE "C" makes the tag order byte order whatever the database's default collation is.
export const FEED_JOIN_SQL = `
SELECT json_build_object('page', $1::int, 'posts', coalesce(json_agg(json_build_object(
  'id', p.id, 'title', p.title, 'createdAt', ${sqlIsoMs('p.created_at')},
  'author', json_build_object('id', u.id, 'username', u.username, 'displayName', u.display_name),
  'commentCount', (SELECT count(*) FROM comments c WHERE c.post_id = p.id),
  'tags', coalesce((SELECT json_agg(t.name ORDER BY t.name COLLATE "C")
                    FROM post_tags pt JOIN tags t ON t.id = pt.tag_id WHERE pt.post_id = p.id), '[]')
) ORDER BY p.created_at DESC, p.id DESC), '[]'))::text AS payload
FROM (SELECT id, author_id, title, created_at FROM posts
      ORDER BY created_at DESC, id DESC LIMIT ${PAGE_SIZE} OFFSET $2) p
JOIN users u ON u.id = p.author_id`;

/** The database ceiling: this statement driven directly, with the page the HTTP load requests (and its offset). */
export const DB_REFERENCE: DbReference = {
  label: "pg-join's statement",
  sql: FEED_JOIN_SQL,
  args: (p) => [Number(p.page), offsetOf(Number(p.page))],
};

/** The page as JSON text, built by PostgreSQL; a named statement, prepared once per pooled connection. */
export async function readFeedJson(db: pg.Pool, page: number): Promise<string> {
  const r = await db.query<{ payload: string }>({ name: 'feed-join', text: FEED_JOIN_SQL, values: [page, offsetOf(page)] });
  return (r.rows[0] as { payload: string }).payload;
}

export default defineStrategy<Params, NewComment, FeedPage | RawJson>({
  name: 'pg-join',
  technique: 'raw',
  client: 'pg',
  needs: ['postgres'],
  expectQueries: () => 1,
  parity: { preparedStatements: true },
  read: async ({ page }, ctx) => new RawJson(await readFeedJson(ctx.pg, page)),
  write: (params, comment, ctx) => insertComment(ctx.pg, commentedPost(params), comment),
});
