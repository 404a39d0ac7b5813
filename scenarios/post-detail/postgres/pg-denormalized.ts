// pg-denormalized — reads a read model: post_detail_view (datasets/10-read-model-post-detail.sql) holds each post's
// complete payload, so a read is one primary-key lookup returning stored JSON, with no join and no aggregation.
// Choose it when reads vastly outnumber writes and the read shape is fixed. It costs write amplification: every new
// comment also rewrites its post's whole payload, in the same transaction (4 round trips, 2 rows written, instead of
// 1 and 1), plus the code that keeps the copy right — here only this endpoint writes; a user rename would have to
// rewrite every payload that embeds that user.
import { RawJson } from '../../../src/core/context.ts';
import { sqlIsoMs } from '../../../src/core/params.ts';
import { defineStrategy } from '../../../src/core/scenario.ts';
import type { CreatedComment, NewComment, Params, PostDetail } from '../contract.ts';
import { insertComment } from '../../shared/pg-comment-write.ts';

// `json` column: the cast to text returns the stored bytes (node-postgres would otherwise JSON.parse a json column).
const READ = { name: 'pd-view-read', text: 'SELECT payload::text AS payload FROM post_detail_view WHERE post_id = $1' };

// Adds the comment just inserted (read back in this transaction, so its JSON is built from the stored row exactly as
// pg-join builds it) and keeps the array in the contract's (createdAt, id) order. A new comment is normally the
// latest, but the sort makes the result right whatever the clock or the commit order of concurrent writers: each
// UPDATE waits for the row lock and then re-applies itself to the latest payload. ISO strings of one fixed width
// sort chronologically under the C collation.
const APPEND = {
  name: 'pd-view-append',
  text: `
UPDATE post_detail_view v
SET payload = jsonb_set(v.payload::jsonb, '{comments}', (
      SELECT jsonb_agg(e ORDER BY (e ->> 'createdAt') COLLATE "C", (e ->> 'id')::int)
      FROM jsonb_array_elements((v.payload::jsonb -> 'comments') || jsonb_build_array(jsonb_build_object(
             'id', c.id, 'body', c.body, 'createdAt', ${sqlIsoMs('c.created_at')},
             'author', jsonb_build_object('id', u.id, 'username', u.username, 'displayName', u.display_name)))) AS e
    ))::json
FROM comments c JOIN users u ON u.id = c.author_id
WHERE v.post_id = $1 AND c.id = $2`,
};

export default defineStrategy<Params, NewComment, PostDetail | RawJson>({
  name: 'pg-denormalized',
  technique: 'denormalized',
  client: 'pg',
  needs: ['postgres'],
  expectQueries: () => 1,
  parity: { preparedStatements: true, readModel: 'post_detail_view (json)' },
  read: async ({ id }, ctx) => {
    const r = await ctx.pg.query<{ payload: string }>({ ...READ, values: [id] });
    const row = r.rows[0];
    return row ? new RawJson(row.payload) : null;
  },
  // One transaction: the comment and its read model commit together or not at all, so no reader ever sees a
  // payload without a committed comment, or a committed comment missing from the payload. (A single statement with
  // a data-modifying CTE would save the BEGIN/COMMIT round trips; this form keeps the two steps readable.)
  write: async ({ id }, comment, ctx): Promise<CreatedComment> => {
    const client = await ctx.pg.connect();
    let broken: Error | undefined; // a connection that cannot even roll back is discarded, not returned to the pool
    try {
      await client.query('BEGIN');
      const created = await insertComment(client, id, comment); // an unknown post or author is a 404 here
      const updated = await client.query({ ...APPEND, values: [id, created.id] });
      if (updated.rowCount !== 1) throw new Error(`post_detail_view has no row for post ${id}: was the read model refreshed?`);
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
