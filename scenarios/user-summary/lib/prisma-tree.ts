// The relation tree prisma-include and prisma-join both load — they differ only in relationLoadStrategy — and its
// mapping onto the shared JS aggregation.
import type { Prisma } from '../../../datasets/prisma/generated/client.ts';
import type { UserSummary } from '../contract.ts';
import { summarizeInJs } from './summarize.ts';

export const summaryTree = {
  id: true,
  username: true,
  displayName: true,
  posts: {
    select: {
      id: true,
      title: true,
      createdAt: true,
      _count: { select: { comments: true } },
      tags: { select: { tag: { select: { name: true } } } },
    },
  },
} as const satisfies Prisma.UserSelect;

export type SummaryTree = Prisma.UserGetPayload<{ select: typeof summaryTree }>;

export function treeToSummary(user: SummaryTree): UserSummary {
  const posts = user.posts.map((p) => ({
    id: p.id,
    title: p.title,
    createdAt: p.createdAt,
    comments: p._count.comments,
    tags: p.tags.map((t) => t.tag.name),
  }));
  return summarizeInJs(user, posts);
}
