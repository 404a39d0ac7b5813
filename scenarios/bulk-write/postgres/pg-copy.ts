// pg-copy — COPY comments (…) FROM STDIN through pg-copy-streams: the batch sent as tab-separated text (backslash,
// tab, newline and carriage return escaped), no parameters, no plan. Counted as one statement: the driver sends one
// COPY command, and the rows go as COPY data on the same round trip. It is how bulk loads of millions of rows are
// done (the seed uses it) and the question here is whether it pays at 100 rows per request. It costs a connection
// held for the stream, no RETURNING (ids are not returned), hand-written escaping, and COPY cannot be prepared.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import { defineStrategy } from '../../../src/core/scenario.ts';
import { notFoundOnForeignKey, readComments } from '../lib/pg.ts';
import type { BulkBody, BulkComment, BulkCreated, Params } from '../contract.ts';
import type { RawJson } from '../../../src/core/context.ts';

const COPY = 'COPY comments (post_id, author_id, body, created_at) FROM STDIN';

/** A value in COPY's text format: backslash first, then the characters that would end a field or a row. */
export const copyText = (s: string): string => s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');

export function copyRows(postId: number, comments: readonly BulkComment[]): string {
  return comments.map((c) => `${postId}\t${c.authorId}\t${copyText(c.body)}\t${c.createdAt}\n`).join('');
}

export default defineStrategy<Params, BulkBody, RawJson>({
  name: 'pg-copy',
  technique: 'bulk',
  client: 'pg',
  needs: ['postgres'],
  // In the full profile's run (or named with --strategy): the default run times a telling three.
  runIn: ['full'],
  expectQueries: () => 1,
  parity: { preparedStatements: false, transaction: 'one statement' },
  read: ({ id }, ctx) => readComments(ctx.pg, id),
  write: async ({ id }, { comments }, ctx): Promise<BulkCreated> => {
    const client = await ctx.pg.connect();
    let broken: unknown = undefined;
    try {
      await pipeline(Readable.from([copyRows(id, comments)]), client.query(copyFrom(COPY)));
    } catch (e) {
      // A server error (a foreign key) leaves the connection usable; anything else (a broken stream) may not.
      if (typeof (e as { code?: unknown }).code !== 'string') broken = e;
      notFoundOnForeignKey(e);
    } finally {
      client.release(broken instanceof Error ? broken : undefined);
    }
    return { postId: id, inserted: comments.length };
  },
});
