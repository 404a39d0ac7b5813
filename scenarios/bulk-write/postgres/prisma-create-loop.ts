// prisma-create-loop — prisma.comment.create() awaited once per comment: the ORM's single-row API in a loop, as code
// that started with one comment per request grows a bulk endpoint. One INSERT … RETURNING per row, each its own
// implicit transaction, so pg-row-loop's round trips and commits plus Prisma's query building and the mapping of every
// returned row. It costs what pg-row-loop costs, and the same partial writes when an author is unknown mid-batch.
import { defineStrategy } from '../../../src/core/scenario.ts';
import { prismaNotFound, prismaReadComments } from '../lib/prisma.ts';
import type { BulkBody, BulkCreated, Params, PostComments } from '../contract.ts';

export default defineStrategy<Params, BulkBody, PostComments>({
  name: 'prisma-create-loop',
  technique: 'naive',
  client: 'prisma',
  needs: ['postgres'],
  // In the full profile's run (or named with --strategy): the default run times a telling three.
  runIn: ['full'],
  // A write: one INSERT per row. A read: the post, then its comments.
  expectQueries: (f) => (f.write ? (f.rows ?? 0) : f.exists ? 2 : 1),
  parity: { preparedStatements: true, relationLoadStrategy: 'query', transaction: 'none (autocommit)' },
  read: ({ id }, { prisma }) => prismaReadComments(prisma, id),
  write: async ({ id }, { comments }, { prisma }): Promise<BulkCreated> => {
    try {
      for (const c of comments) {
        await prisma.comment.create({ data: { postId: id, authorId: c.authorId, body: c.body, createdAt: new Date(c.createdAt) } });
      }
    } catch (e) {
      prismaNotFound(e);
    }
    return { postId: id, inserted: comments.length };
  },
});
