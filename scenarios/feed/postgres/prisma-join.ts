// prisma-join — the same `include` with relationLoadStrategy "join": Prisma compiles the page and its relations into
// one SQL statement (LATERAL joins, JSON aggregated by PostgreSQL) and parses the JSON back into objects.
// Choose it when round trips dominate (a distant database); it costs heavier SQL and JSON decoding in Node, and like
// any `include` it still loads whole rows (post bodies, author emails and bios) that the feed never shows.
import { defineStrategy } from '../../../src/core/scenario.ts';
import { prismaAddComment } from '../../shared/prisma-comment-write.ts';
import { commentedPost, type FeedPage, type NewComment, type Params } from '../contract.ts';
import { readFeed } from './prisma-include.ts';

export default defineStrategy<Params, NewComment, FeedPage>({
  name: 'prisma-join',
  technique: 'eager',
  client: 'prisma',
  needs: ['postgres'],
  // Traced: one statement, `_count` included (a LATERAL COUNT(*) per post, which uses the comments index).
  expectQueries: () => 1,
  parity: { preparedStatements: true, relationLoadStrategy: 'join' },
  // The same `include` and mapping as prisma-include (shared code): only the load strategy differs.
  read: ({ page }, { prisma }) => readFeed(prisma, page, 'join'),
  write: (params, comment, { prisma }) => prismaAddComment(prisma, commentedPost(params), comment),
});
