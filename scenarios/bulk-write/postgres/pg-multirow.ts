// pg-multirow — one INSERT … VALUES ($1, $2, $3, $4), ($1, $5, $6, $7), … with every comment of the request: one
// statement, one round trip, one commit. What query builders (knex's insert of an array, Prisma's createMany) send.
// A named statement per batch size, so pg prepares each size once per pooled connection; 1 + 3n parameters, within
// PostgreSQL's 65 535 up to 21 844 rows. It costs a statement text (and a plan) per distinct batch size, and a
// parse and plan of a statement whose length grows with the batch.
import { defineStrategy } from '../../../src/core/scenario.ts';
import { notFoundOnForeignKey, readComments } from '../lib/pg.ts';
import type { BulkBody, BulkCreated, Params } from '../contract.ts';
import type { RawJson } from '../../../src/core/context.ts';

const texts = new Map<number, string>();

/** The statement for n rows; the post id is $1, shared by every row. */
function insertText(n: number): string {
  let text = texts.get(n);
  if (!text) {
    const rows = Array.from({ length: n }, (_, i) => `($1, $${3 * i + 2}, $${3 * i + 3}, $${3 * i + 4})`);
    text = `INSERT INTO comments (post_id, author_id, body, created_at) VALUES ${rows.join(', ')}`;
    texts.set(n, text);
  }
  return text;
}

export default defineStrategy<Params, BulkBody, RawJson>({
  name: 'pg-multirow',
  technique: 'bulk',
  client: 'pg',
  needs: ['postgres'],
  // In the full profile's run (or named with --strategy): the default run times a telling three.
  runIn: ['full'],
  expectQueries: () => 1,
  parity: { preparedStatements: true, transaction: 'one statement' },
  read: ({ id }, ctx) => readComments(ctx.pg, id),
  write: async ({ id }, { comments }, ctx): Promise<BulkCreated> => {
    const values: unknown[] = [id];
    for (const c of comments) values.push(c.authorId, c.body, c.createdAt);
    try {
      await ctx.pg.query({ name: `bulk-multirow-${comments.length}`, text: insertText(comments.length), values });
    } catch (e) {
      notFoundOnForeignKey(e);
    }
    return { postId: id, inserted: comments.length };
  },
});
