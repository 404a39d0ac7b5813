// The aggregation done in the application, shared by the strategies that load rows and sum them in JS (prisma-naive,
// prisma-include, prisma-join, pg-naive, mongoose-naive, mongoose-lean): one implementation, so they differ only in
// how they fetch the rows.
import { isoMs } from '../../../src/core/params.ts';
import { LATEST_POSTS, TOP_TAGS, type UserSummary } from '../contract.ts';

export interface LoadedPost {
  id: number;
  title: string;
  createdAt: Date;
  comments: number;
  tags: readonly string[];
}

/** Byte order, as the contract says (tag names are ASCII, where UTF-16 code-unit order is byte order). */
export const byteOrder = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function summarizeInJs(user: { id: number; username: string; displayName: string }, posts: readonly LoadedPost[]): UserSummary {
  let commentsReceived = 0;
  const tagCounts = new Map<string, number>();
  for (const p of posts) {
    commentsReceived += p.comments;
    for (const t of p.tags) tagCounts.set(t, (tagCounts.get(t) ?? 0) + 1);
  }
  const topTags = [...tagCounts]
    .map(([name, count]) => ({ name, count }))
    .sort((a, b) => b.count - a.count || byteOrder(a.name, b.name))
    .slice(0, TOP_TAGS);
  const latestPosts = [...posts]
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.id - a.id)
    .slice(0, LATEST_POSTS)
    .map((p) => ({ id: p.id, title: p.title, createdAt: isoMs(p.createdAt) }));
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    postCount: posts.length,
    commentsReceived,
    topTags,
    latestPosts,
  };
}
