// prisma-create-many — prisma.comment.createMany({ data }) with the whole batch: Prisma sends one multi-row
// INSERT … VALUES (pg-multirow's statement, built by the ORM) and returns the count. The ORM's own answer to bulk
// inserts; choose it over a loop of create() whenever the created rows need not come back. It costs what
// pg-multirow costs plus Prisma's query building, and nested creates and per-row RETURNING are not available.
import { defineStrategy } from '../../../src/core/scenario.ts';
import { prismaNotFound, prismaReadComments } from '../lib/prisma.ts';
import type { BulkBody, BulkCreated, Params, PostComments } from '../contract.ts';

export default defineStrategy<Params, BulkBody, PostComments>({
  name: 'prisma-create-many',
  technique: 'bulk',
  client: 'prisma',
  needs: ['postgres'],
  // In the full profile's run (or named with --strategy): the default run times a telling three.
  runIn: ['full'],
  // A write: one multi-row INSERT. A read: the post, then its comments.
  expectQueries: (f) => (f.write ? 1 : f.exists ? 2 : 1),
  parity: { preparedStatements: true, relationLoadStrategy: 'query', transaction: 'one statement' },
  read: ({ id }, { prisma }) => prismaReadComments(prisma, id),
  write: async ({ id }, { comments }, { prisma }): Promise<BulkCreated> => {
    try {
      const r = await prisma.comment.createMany({
        data: comments.map((c) => ({ postId: id, authorId: c.authorId, body: c.body, createdAt: new Date(c.createdAt) })),
      });
      return { postId: id, inserted: r.count };
    } catch (e) {
      prismaNotFound(e);
    }
  },
});
