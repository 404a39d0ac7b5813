// What prisma-skip and prisma-cursor share apart from how they find the page: the feed order, a projection of only
// the fields a feed item shows (relations by relationLoadStrategy "query": one query per relation level for the whole
// page), and the comment counts by one `comment.groupBy` over the page's ids. Not `_count`: Prisma compiles it into
// the page query as a join on a GROUP BY over the whole comments table (prisma/orm#23669, see feed's
// prisma-include), whose cost follows the size of comments and would bury the paging this scenario compares.
import type { PrismaClient } from '../../../datasets/prisma/generated/client.ts';
import { isoMs } from '../../../src/core/params.ts';
import type { FeedItem } from '../contract.ts';

export const ORDER = [{ createdAt: 'desc' }, { id: 'desc' }] as const;

export const SELECT = {
  id: true,
  title: true,
  createdAt: true,
  author: { select: { id: true, username: true, displayName: true } },
  tags: { select: { tag: { select: { name: true } } } },
} as const;

interface Selected {
  id: number;
  title: string;
  createdAt: Date;
  author: { id: number; username: string; displayName: string };
  tags: Array<{ tag: { name: string } }>;
}

/**
 * Queries: the posts (4 with their relations: posts, users, post_tags, tags, even for an empty page), then the
 * counts when any post was fetched.
 */
export const prismaQueries = (f: Record<string, number>): number => (f.fetched ? 5 : 4);

/** The fetched posts as feed items, with their comment counts (one grouped count for the whole page). */
export async function toItems(prisma: PrismaClient, posts: Selected[]): Promise<FeedItem[]> {
  if (posts.length === 0) return [];
  const counts = await prisma.comment.groupBy({
    by: ['postId'],
    where: { postId: { in: posts.map((p) => p.id) } },
    _count: { _all: true },
  });
  const byPost = new Map(counts.map((c) => [c.postId, c._count._all]));
  return posts.map((p) => ({
    id: p.id,
    title: p.title,
    createdAt: isoMs(p.createdAt),
    author: p.author,
    commentCount: byPost.get(p.id) ?? 0,
    tags: p.tags.map((t) => t.tag.name).sort(),
  }));
}
