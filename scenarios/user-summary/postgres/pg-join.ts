// pg-join — every aggregate in one SQL statement over the raw driver: PostgreSQL counts, groups, ranks and serializes
// the payload with json_build_object; Node passes the JSON text through. One round trip and a few hundred bytes on the
// wire whatever the user's post count. Choose it for a hot aggregate endpoint; it costs SQL the team must own.
import type pg from 'pg';
import { RawJson } from '../../../src/core/context.ts';
import { sqlIsoMs } from '../../../src/core/params.ts';
import { defineStrategy, type DbReference } from '../../../src/core/scenario.ts';
import { LATEST_POSTS, TOP_TAGS, type NewPost, type Params, type UserSummary } from '../contract.ts';
import { insertPost } from '../lib/pg-post-write.ts';

// `p` is referenced three times, so PostgreSQL materializes it: the user's posts are read once, through
// posts_author_id_idx. Comments are counted through comments_post_id_created_at_id_idx (post_id is its leading
// column) and tags reached through the post_tags primary key (post_id, tag_id). Tag names sort with COLLATE "C":
// the contract's byte order, whatever the database's default collation. (EXPLAIN ANALYZE on the small preset: a
// 3-post author uses all three indexes; user 1, author of 15 % of the posts, gets a hash join over a seq scan of
// comments instead — the cheaper plan at that selectivity. On tiny, post_tags is 3 pages and is seq-scanned.)
const SQL = `
WITH p AS (SELECT id, title, created_at FROM posts WHERE author_id = $1)
SELECT json_build_object(
  'id', u.id, 'username', u.username, 'displayName', u.display_name,
  'postCount', (SELECT count(*) FROM p),
  'commentsReceived', (SELECT count(*) FROM p JOIN comments c ON c.post_id = p.id),
  'topTags', coalesce((
    SELECT json_agg(json_build_object('name', t.name, 'count', t.n) ORDER BY t.n DESC, t.name COLLATE "C")
    FROM (SELECT tg.name, count(*) AS n
          FROM p JOIN post_tags pt ON pt.post_id = p.id JOIN tags tg ON tg.id = pt.tag_id
          GROUP BY tg.name
          ORDER BY n DESC, tg.name COLLATE "C"
          LIMIT ${TOP_TAGS}) t), '[]'),
  'latestPosts', coalesce((
    SELECT json_agg(json_build_object('id', l.id, 'title', l.title, 'createdAt', ${sqlIsoMs('l.created_at')})
                    ORDER BY l.created_at DESC, l.id DESC)
    FROM (SELECT id, title, created_at FROM p ORDER BY created_at DESC, id DESC LIMIT ${LATEST_POSTS}) l), '[]')
)::text AS payload
FROM users u
WHERE u.id = $1`;

/** The database ceiling: this statement driven directly, with the user id the HTTP load requests. */
export const DB_REFERENCE: DbReference = { label: "pg-join's statement", sql: SQL, args: (p) => [Number(p.id)] };

/** The summary as JSON text, or null for an unknown user; shared by the strategies that serve this statement. */
export async function selectSummary(db: pg.Pool, id: number): Promise<string | null> {
  // A named statement: pg prepares it once per pooled connection.
  const r = await db.query<{ payload: string }>({ name: 'user-summary-join', text: SQL, values: [id] });
  return r.rows[0]?.payload ?? null;
}

export default defineStrategy<Params, NewPost, UserSummary | RawJson>({
  name: 'pg-join',
  technique: 'raw',
  client: 'pg',
  needs: ['postgres'],
  expectQueries: () => 1,
  parity: { preparedStatements: true, readFrom: 'primary' },
  read: async ({ id }, ctx) => {
    const payload = await selectSummary(ctx.pg, id);
    return payload === null ? null : new RawJson(payload);
  },
  // user-summary-mixed: the summary is computed at read time, so the plain INSERT is the whole write.
  write: async ({ id }, post, ctx) => insertPost(ctx.pg, id, post),
});
