// prisma-cursor — keyset paging through Prisma's cursor API: `cursor: { id }, skip: 1, take: 21` with the same
// projection as prisma-skip. What a Prisma team reaches for once deep pages get slow, and what it shows is that the
// API is not a seek on a compound order: Prisma takes a unique field as the cursor (the post id from the request's
// cursor; its timestamp is not used), looks up that row's created_at in subqueries, and writes the position as
// `(created_at = $t AND id <= $id) OR created_at < $t` with OFFSET 1. PostgreSQL 17 cannot make that OR the start
// of an index range, so it scans posts_created_at_id_idx from the newest entry, fetching each row to filter it, up to
// the cursor: the walk OFFSET does (EXPLAIN ANALYZE on the small preset, page 500: "Rows Removed by Filter: 9979",
// 829 buffers, 11 ms; pg-keyset's row comparison: 4 buffers for the same rows). So the latency still grows with the
// depth. It also costs the jump to an arbitrary page, and a cursor row that must still exist (a deleted one gives an
// empty page here).
import { defineStrategy } from '../../../src/core/scenario.ts';
import { NotFound } from '../../../src/core/errors.ts';
import { beyondTheData, FETCH, pageOf, type FeedPagesPage, type Params } from '../contract.ts';
import { ORDER, prismaQueries, SELECT, toItems } from '../lib/prisma-page.ts';

export default defineStrategy<Params, never, FeedPagesPage>({
  name: 'prisma-cursor',
  technique: 'keyset',
  client: 'prisma',
  needs: ['postgres'],
  runIn: ['quick', 'full'],
  expectQueries: prismaQueries,
  parity: { preparedStatements: true, relationLoadStrategy: 'query', paging: 'keyset' },
  read: async ({ page, cursor }, { prisma }) => {
    const posts = await prisma.post.findMany({
      relationLoadStrategy: 'query',
      orderBy: [...ORDER],
      ...(cursor ? { cursor: { id: cursor.id }, skip: 1 } : {}),
      take: FETCH,
      select: SELECT,
    });
    const out = pageOf(page, await toItems(prisma, posts));
    if (!out) throw new NotFound(beyondTheData(page));
    return out;
  },
});
