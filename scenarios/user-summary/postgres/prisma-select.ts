// prisma-select — the ORM's aggregation API instead of rows summed in JS: `_count` for the post count, a
// `comment.count` filtered across the post relation, a `postTag.groupBy` for tag usage, and a `take: 5` findMany for
// the latest posts, the three independent ones in parallel. Counts come back, not rows, so the cost no longer grows
// with the user's posts on the Node side. Choose it to stay in Prisma with database-side aggregation; it costs a
// few round trips and one limit of the API (below).
// groupBy can filter across a relation (`where: { post: { authorId } }`) but can neither group nor order by a related
// field (prisma/orm#8744): it yields tag ids and counts, not names, so the contract's name tie-break cannot go into the
// query with `take: 5`. It therefore returns every tag the user used (at most the number of tags), and one more query
// fetches the names of the candidates only: tags whose count reaches the fifth-highest count.
import { defineStrategy } from '../../../src/core/scenario.ts';
import { isoMs } from '../../../src/core/params.ts';
import { LATEST_POSTS, TOP_TAGS, type Params, type UserSummary } from '../contract.ts';
import { byteOrder } from '../lib/summarize.ts';

export default defineStrategy<Params, never, UserSummary>({
  name: 'prisma-select',
  technique: 'lean',
  client: 'prisma',
  needs: ['postgres'],
  // user with _count (1) + comment count, groupBy, latest posts (3) + tag names when the user used any tag (0 or 1);
  // 1 for an unknown user.
  expectQueries: (f) => (f.exists ? 4 + (f.tags ? 1 : 0) : 1),
  parity: { preparedStatements: true },
  read: async ({ id }, { prisma }) => {
    const user = await prisma.user.findUnique({
      where: { id },
      select: { id: true, username: true, displayName: true, _count: { select: { posts: true } } },
    });
    if (!user) return null;
    const [commentsReceived, usage, latest] = await Promise.all([
      prisma.comment.count({ where: { post: { authorId: id } } }),
      prisma.postTag.groupBy({ by: ['tagId'], where: { post: { authorId: id } }, _count: { _all: true } }),
      prisma.post.findMany({
        where: { authorId: id },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: LATEST_POSTS,
        select: { id: true, title: true, createdAt: true },
      }),
    ]);
    const counts = usage.map((g) => g._count._all).sort((a, b) => b - a);
    const cutoff = counts[Math.min(TOP_TAGS, counts.length) - 1] ?? Infinity;
    const candidates = usage.filter((g) => g._count._all >= cutoff);
    const names = candidates.length
      ? await prisma.tag.findMany({ where: { id: { in: candidates.map((g) => g.tagId) } }, select: { id: true, name: true } })
      : [];
    const nameOf = new Map(names.map((t) => [t.id, t.name]));
    const topTags = candidates
      .map((g) => ({ name: nameOf.get(g.tagId) ?? '', count: g._count._all }))
      .sort((a, b) => b.count - a.count || byteOrder(a.name, b.name))
      .slice(0, TOP_TAGS);
    return {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      postCount: user._count.posts,
      commentsReceived,
      topTags,
      latestPosts: latest.map((p) => ({ id: p.id, title: p.title, createdAt: isoMs(p.createdAt) })),
    };
  },
});
