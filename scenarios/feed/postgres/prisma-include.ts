// prisma-include — eager loading with `include` and relationLoadStrategy "query": Prisma fetches the page, then one
// query per relation level for all 20 posts at once (authors, post_tags, tags) and stitches the rows in Node.
// The default fix for N+1 in Prisma code: a constant handful of round trips whatever the page size. It costs
// in-process row mapping, `include` loads whole rows (post bodies, author emails and bios) the feed never shows, and
// `_count` is compiled into the page query as a LEFT JOIN on a GROUP BY over the whole comments table
// (prisma/orm#23669): its cost follows the size of comments, not of the page (EXPLAIN: Seq Scan + HashAggregate).
import { isoMs } from '../../../src/core/params.ts';
import { defineStrategy } from '../../../src/core/scenario.ts';
import { prismaAddComment } from '../../shared/prisma-comment-write.ts';
import { commentedPost, offsetOf, PAGE_SIZE, type FeedPage, type NewComment, type Params } from '../contract.ts';
import type { PrismaClient } from '../../../datasets/prisma/generated/client.ts';

/** The read, shared with prisma-join so that the two differ in nothing but the load strategy. */
export async function readFeed(prisma: PrismaClient, page: number, relationLoadStrategy: 'query' | 'join'): Promise<FeedPage> {
  const posts = await prisma.post.findMany({
    relationLoadStrategy,
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    skip: offsetOf(page),
    take: PAGE_SIZE,
    include: { author: true, _count: { select: { comments: true } }, tags: { include: { tag: true } } },
  });
  return {
    page,
    posts: posts.map((p) => ({
      id: p.id,
      title: p.title,
      createdAt: isoMs(p.createdAt),
      author: { id: p.author.id, username: p.author.username, displayName: p.author.displayName },
      commentCount: p._count.comments,
      tags: p.tags.map((t) => t.tag.name).sort(),
    })),
  };
}

export default defineStrategy<Params, NewComment, FeedPage>({
  name: 'prisma-include',
  technique: 'eager',
  client: 'prisma',
  needs: ['postgres'],
  // Traced: the page with the comment counts joined in (1), users IN (…) (1), post_tags IN (…) (1), tags IN (…) (1).
  // Constant: an empty page or a page without tags still sends each level, with `IN (NULL)`.
  expectQueries: () => 4,
  parity: { preparedStatements: true, relationLoadStrategy: 'query' },
  read: ({ page }, { prisma }) => readFeed(prisma, page, 'query'),
  write: (params, comment, { prisma }) => prismaAddComment(prisma, commentedPost(params), comment),
});
