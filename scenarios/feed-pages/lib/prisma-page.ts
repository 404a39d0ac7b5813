// What prisma-skip and prisma-cursor share apart from how they find the page: the feed order, the projection of
// feed's prisma-select (only the fields a feed item shows; relations by relationLoadStrategy "query": one query per
// relation level for the whole page) and the mapping to feed items.
import { isoMs } from '../../../src/core/params.ts';
import type { FeedItem } from '../contract.ts';

export const ORDER = [{ createdAt: 'desc' }, { id: 'desc' }] as const;

export const SELECT = {
  id: true,
  title: true,
  createdAt: true,
  author: { select: { id: true, username: true, displayName: true } },
  _count: { select: { comments: true } },
  tags: { select: { tag: { select: { name: true } } } },
} as const;

interface Selected {
  id: number;
  title: string;
  createdAt: Date;
  author: { id: number; username: string; displayName: string };
  _count: { comments: number };
  tags: Array<{ tag: { name: string } }>;
}

export const toItems = (posts: Selected[]): FeedItem[] =>
  posts.map((p) => ({
    id: p.id,
    title: p.title,
    createdAt: isoMs(p.createdAt),
    author: p.author,
    commentCount: p._count.comments,
    tags: p.tags.map((t) => t.tag.name).sort(),
  }));
