// prisma-skip — OFFSET paging the way Prisma's docs introduce it: `skip: (N-1)*20, take: 21` with a projection of
// the feed item's fields (lib/prisma-page.ts). Prisma compiles it to LIMIT/OFFSET on the posts query, so the database
// walks and discards every skipped row, as in pg-offset; the relation queries (authors, tags, comment counts) only
// touch the page. What Prisma code does by default for ?page=N; it costs the same growth with depth as any OFFSET.
import { defineStrategy } from '../../../src/core/scenario.ts';
import { NotFound } from '../../../src/core/errors.ts';
import { beyondTheData, FETCH, offsetOf, pageOf, type FeedPagesPage, type Params } from '../contract.ts';
import { ORDER, prismaQueries, SELECT, toItems } from '../lib/prisma-page.ts';

export default defineStrategy<Params, never, FeedPagesPage>({
  name: 'prisma-skip',
  technique: 'offset',
  client: 'prisma',
  needs: ['postgres'],
  runIn: ['quick', 'full'],
  expectQueries: prismaQueries,
  parity: { preparedStatements: true, relationLoadStrategy: 'query', paging: 'offset' },
  read: async ({ page }, { prisma }) => {
    const posts = await prisma.post.findMany({
      relationLoadStrategy: 'query',
      orderBy: [...ORDER],
      skip: offsetOf(page),
      take: FETCH,
      select: SELECT,
    });
    const out = pageOf(page, await toItems(prisma, posts));
    if (!out) throw new NotFound(beyondTheData(page));
    return out;
  },
});
