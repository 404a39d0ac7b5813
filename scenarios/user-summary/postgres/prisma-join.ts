// prisma-join — prisma-include's relation tree with relationLoadStrategy "join": Prisma builds one SQL statement
// (LATERAL joins and JSON aggregation in PostgreSQL) for the user, posts, comment counts and tags, then the same JS
// aggregation. One round trip like pg-join, but every post and tag link of the user still comes back as JSON to be
// parsed, mapped and counted in Node. Choose it to cut round trips without leaving the ORM.
import { defineStrategy } from '../../../src/core/scenario.ts';
import type { Params, UserSummary } from '../contract.ts';
import { summaryTree, treeToSummary } from '../lib/prisma-tree.ts';

export default defineStrategy<Params, never, UserSummary>({
  name: 'prisma-join',
  technique: 'eager',
  client: 'prisma',
  needs: ['postgres'],
  expectQueries: () => 1,
  parity: { preparedStatements: true, relationLoadStrategy: 'join' },
  read: async ({ id }, { prisma }) => {
    const user = await prisma.user.findUnique({ relationLoadStrategy: 'join', where: { id }, select: summaryTree });
    return user ? treeToSummary(user) : null;
  },
});
