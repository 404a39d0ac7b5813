// prisma-include — one findUnique that eager-loads the user's posts with a comment `_count` and their tags
// (relationLoadStrategy "query": one query per relation level, stitched in Node), then the same JS aggregation as
// prisma-naive. The usual fix for N+1 in Prisma code: a constant handful of round trips, but every post of the user
// and every tag link still crosses the wire and is mapped in Node just to be counted.
// Nested `select` (not `include`) keeps the projection to the fields the payload needs — a post body never travels —
// so against pg-join the remaining difference is where the aggregation runs.
import { defineStrategy } from '../../../src/core/scenario.ts';
import type { Params, UserSummary } from '../contract.ts';
import { summaryTree, treeToSummary } from '../lib/prisma-tree.ts';

export default defineStrategy<Params, never, UserSummary>({
  name: 'prisma-include',
  technique: 'eager',
  client: 'prisma',
  needs: ['postgres'],
  // user, posts (with the comment counts), post_tags, tags: 4 whatever the post count — Prisma sends every level even
  // when the one above is empty (`IN (NULL)`); 1 for an unknown user. The posts query joins the `_count` as
  // `LEFT JOIN (SELECT post_id, count(*) FROM comments GROUP BY post_id)`: it counts the comments of EVERY post and
  // keeps the user's, so its cost grows with the comments table, not with the user (prisma/orm#23669).
  expectQueries: (f) => (f.exists ? 4 : 1),
  parity: { preparedStatements: true, relationLoadStrategy: 'query' },
  read: async ({ id }, { prisma }) => {
    const user = await prisma.user.findUnique({ relationLoadStrategy: 'query', where: { id }, select: summaryTree });
    return user ? treeToSummary(user) : null;
  },
});
