// pg-denormalized — reads a read model: feed_items (datasets/11-read-model-feed.sql) holds per post exactly what a
// feed item shows, comment count and tag names included, so a page is one range scan of one narrow table's index
// with no join and no per-post count. Choose it when the feed is read far more than it is written and the count
// must not be recomputed per view. It costs write amplification — every comment also updates its post's feed item,
// in the same transaction (4 round trips and 2 rows written instead of 1 and 1), and concurrent comments on one hot
// post queue on that row's lock — plus the code that keeps the copy right (a username change would have to update
// every item of that author; this benchmark has no such write). A trigger would hide the same cost inside every
// writer's INSERT; the explicit write path keeps it visible and owned by the feed.
import { RawJson } from '../../../src/core/context.ts';
import { sqlIsoMs } from '../../../src/core/params.ts';
import { defineStrategy } from '../../../src/core/scenario.ts';
import { insertComment } from '../../shared/pg-comment-write.ts';
import { commentedPost, offsetOf, PAGE_SIZE, type CreatedComment, type FeedPage, type NewComment, type Params } from '../contract.ts';

/** A page read from a table (or view) with feed_items' columns, as one JSON text built by PostgreSQL. */
export const feedItemsPageSql = (table: string): string => `
SELECT json_build_object('page', $1::int, 'posts', coalesce(json_agg(json_build_object(
  'id', f.post_id, 'title', f.title, 'createdAt', ${sqlIsoMs('f.created_at')},
  'author', json_build_object('id', f.author_id, 'username', f.author_username, 'displayName', f.author_display_name),
  'commentCount', f.comment_count, 'tags', to_json(f.tag_names)
) ORDER BY f.created_at DESC, f.post_id DESC), '[]'))::text AS payload
FROM (SELECT * FROM ${table} ORDER BY created_at DESC, post_id DESC LIMIT ${PAGE_SIZE} OFFSET $2) f`;

const READ = { name: 'feed-items-read', text: feedItemsPageSql('feed_items') };

const BUMP = { name: 'feed-items-bump', text: 'UPDATE feed_items SET comment_count = comment_count + 1 WHERE post_id = $1' };

export default defineStrategy<Params, NewComment, FeedPage | RawJson>({
  name: 'pg-denormalized',
  technique: 'denormalized',
  client: 'pg',
  needs: ['postgres'],
  expectQueries: () => 1,
  parity: { preparedStatements: true, readModel: 'feed_items (columns)' },
  read: async ({ page }, ctx) => {
    const r = await ctx.pg.query<{ payload: string }>({ ...READ, values: [page, offsetOf(page)] });
    return new RawJson((r.rows[0] as { payload: string }).payload);
  },
  // One transaction: the comment and the count commit together, so no reader sees one without the other.
  write: async (params, comment, ctx): Promise<CreatedComment> => {
    const postId = commentedPost(params);
    const client = await ctx.pg.connect();
    let broken: Error | undefined; // a connection that cannot even roll back is discarded, not returned to the pool
    try {
      await client.query('BEGIN');
      const created = await insertComment(client, postId, comment); // an unknown post or author is a 404 here
      const bumped = await client.query({ ...BUMP, values: [postId] });
      if (bumped.rowCount !== 1) throw new Error(`feed_items has no row for post ${postId}: was the read model refreshed?`);
      await client.query('COMMIT');
      return created;
    } catch (e) {
      await client.query('ROLLBACK').catch((r: Error) => void (broken = r));
      throw e;
    } finally {
      client.release(broken);
    }
  },
});
