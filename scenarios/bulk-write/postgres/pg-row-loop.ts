// pg-row-loop — one INSERT per comment, awaited in a loop on the pool, each in its own implicit transaction
// (autocommit): 100 statements and 100 commits, so 100 round trips and 100 WAL flushes per request. It is what a
// repository's addComment() called in a loop gives, and what most code does until a bulk endpoint is profiled. It
// costs the round trips, a commit (and its fsync) per row, and atomicity: when comment 50 names an unknown author the
// request answers 404 with the first 49 already stored.
import { defineStrategy } from '../../../src/core/scenario.ts';
import { INSERT_ONE, notFoundOnForeignKey, readComments } from '../lib/pg.ts';
import type { BulkBody, BulkCreated, Params } from '../contract.ts';
import type { RawJson } from '../../../src/core/context.ts';

export default defineStrategy<Params, BulkBody, RawJson>({
  name: 'pg-row-loop',
  technique: 'naive',
  client: 'pg',
  needs: ['postgres'],
  // A write: one INSERT per row. A read: one statement.
  expectQueries: (f) => (f.write ? (f.rows ?? 0) : 1),
  parity: { preparedStatements: true, transaction: 'none (autocommit)' },
  read: ({ id }, ctx) => readComments(ctx.pg, id),
  write: async ({ id }, { comments }, ctx): Promise<BulkCreated> => {
    try {
      for (const c of comments) await ctx.pg.query({ ...INSERT_ONE, values: [id, c.authorId, c.body, c.createdAt] });
    } catch (e) {
      notFoundOnForeignKey(e);
    }
    return { postId: id, inserted: comments.length };
  },
});
