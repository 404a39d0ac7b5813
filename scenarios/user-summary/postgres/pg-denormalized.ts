// pg-denormalized — a read model (user_summaries, datasets/12-read-model-user-summary.sql): one row per user holding
// the complete summary as JSON, kept current by the write path, which recomputes the writer's row in the transaction
// that adds the post. A read is one primary-key lookup returning stored bytes. Choose it when reads vastly outnumber
// writes and a summary must never lag: a reader sees a post as soon as its writer's transaction commits. It costs
// every write the aggregation a read no longer pays (pg-join's statement for that user, plus a row lock that
// serializes one user's concurrent writes), write-path code that every new writer of posts, comments or tags must
// remember to keep in step, and a second copy of the data. (An incremental update — postCount + 1, the new post
// prepended — would be cheaper per write but must be right for every kind of change; a recompute is right by
// construction.)
import { RawJson } from '../../../src/core/context.ts';
import { NotFound } from '../../../src/core/errors.ts';
import { defineStrategy } from '../../../src/core/scenario.ts';
import type { NewPost, Params, UserSummary } from '../contract.ts';
import { insertPost } from '../lib/pg-post-write.ts';
import { DB_REFERENCE } from './pg-join.ts';

// The user's row is locked before the post is added: a second writer for the same user waits, and its recompute (a
// new statement, so a new snapshot under READ COMMITTED) sees the first one's post. Without the lock two concurrent
// writers could each recompute without the other's post, and the last to commit would drop it.
const LOCK = 'SELECT 1 FROM user_summaries WHERE user_id = $1 FOR UPDATE';
const RECOMPUTE = `UPDATE user_summaries SET payload = (${DB_REFERENCE.sql})::json WHERE user_id = $1`;

export default defineStrategy<Params, NewPost, UserSummary | RawJson>({
  name: 'pg-denormalized',
  technique: 'denormalized',
  client: 'pg',
  needs: ['postgres'],
  expectQueries: () => 1,
  parity: { preparedStatements: true, readFrom: 'primary' },
  read: async ({ id }, ctx) => {
    const r = await ctx.pg.query<{ payload: string }>({
      name: 'user-summary-denormalized',
      text: 'SELECT payload::text AS payload FROM user_summaries WHERE user_id = $1',
      values: [id],
    });
    const payload = r.rows[0]?.payload;
    return payload === undefined ? null : new RawJson(payload);
  },
  write: async ({ id }, post, ctx) => {
    const client = await ctx.pg.connect();
    try {
      await client.query('BEGIN');
      const locked = await client.query({ name: 'user-summary-lock', text: LOCK, values: [id] });
      if (locked.rowCount === 0) throw new NotFound('no such user');
      const created = await insertPost(client, id, post);
      await client.query({ name: 'user-summary-recompute', text: RECOMPUTE, values: [id] });
      await client.query('COMMIT');
      return created;
    } catch (e) {
      await client.query('ROLLBACK').catch(() => {});
      throw e;
    } finally {
      client.release();
    }
  },
});
