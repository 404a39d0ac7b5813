// pg-row-loop-tx — pg-row-loop inside one transaction on one pooled connection: BEGIN, an INSERT per comment, COMMIT
// (n + 2 statements). The round trips stay; the 100 commits become one, so one WAL flush per request, and the batch
// is all or nothing. What a team does first when bulk writes are slow or leave half-written batches; it costs a
// connection held for the whole loop (100 round trips), which under load is what the pool runs out of.
import { defineStrategy } from '../../../src/core/scenario.ts';
import { INSERT_ONE, notFoundOnForeignKey, readComments } from '../lib/pg.ts';
import type { BulkBody, BulkCreated, Params } from '../contract.ts';
import type { RawJson } from '../../../src/core/context.ts';

export default defineStrategy<Params, BulkBody, RawJson>({
  name: 'pg-row-loop-tx',
  technique: 'naive',
  client: 'pg',
  needs: ['postgres'],
  // A write: BEGIN, one INSERT per row, COMMIT. A read: one statement.
  expectQueries: (f) => (f.write ? (f.rows ?? 0) + 2 : 1),
  parity: { preparedStatements: true, transaction: 'one per request' },
  read: ({ id }, ctx) => readComments(ctx.pg, id),
  write: async ({ id }, { comments }, ctx): Promise<BulkCreated> => {
    const client = await ctx.pg.connect();
    try {
      await client.query('BEGIN');
      for (const c of comments) await client.query({ ...INSERT_ONE, values: [id, c.authorId, c.body, c.createdAt] });
      await client.query('COMMIT');
    } catch (e) {
      await client.query('ROLLBACK').catch(() => {});
      notFoundOnForeignKey(e);
    } finally {
      client.release();
    }
    return { postId: id, inserted: comments.length };
  },
});
