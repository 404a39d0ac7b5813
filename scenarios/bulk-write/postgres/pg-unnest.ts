// pg-unnest — the whole batch as three array parameters, expanded by unnest() in one INSERT … SELECT: one statement
// whose text does not depend on the batch size, so one prepared statement and one plan serve every request. The
// reference. What a team writing SQL by hand settles on for batches of tens to thousands of rows; it costs SQL the
// team must own (typed array casts), and arrays that pg serializes as text literals, parsed again by the server.
import { defineStrategy } from '../../../src/core/scenario.ts';
import { notFoundOnForeignKey, readComments } from '../lib/pg.ts';
import type { BulkBody, BulkCreated, Params } from '../contract.ts';
import type { RawJson } from '../../../src/core/context.ts';

// WITH ORDINALITY and ORDER BY: the rows are inserted (and take their ids) in the order sent.
const INSERT = {
  name: 'bulk-unnest',
  text: `INSERT INTO comments (post_id, author_id, body, created_at)
SELECT $1, u.author_id, u.body, u.created_at
FROM unnest($2::int[], $3::text[], $4::timestamptz[]) WITH ORDINALITY AS u(author_id, body, created_at, n)
ORDER BY u.n`,
};

export default defineStrategy<Params, BulkBody, RawJson>({
  name: 'pg-unnest',
  technique: 'bulk',
  client: 'pg',
  needs: ['postgres'],
  expectQueries: () => 1,
  parity: { preparedStatements: true, transaction: 'one statement' },
  read: ({ id }, ctx) => readComments(ctx.pg, id),
  write: async ({ id }, { comments }, ctx): Promise<BulkCreated> => {
    const values = [id, comments.map((c) => c.authorId), comments.map((c) => c.body), comments.map((c) => c.createdAt)];
    try {
      await ctx.pg.query({ ...INSERT, values });
    } catch (e) {
      notFoundOnForeignKey(e);
    }
    return { postId: id, inserted: comments.length };
  },
});
