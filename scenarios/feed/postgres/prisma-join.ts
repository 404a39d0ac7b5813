// prisma-join — the same `include` with relationLoadStrategy "join": Prisma compiles the page and its relations into
// one SQL statement (LATERAL joins, JSON aggregated by PostgreSQL) and parses the JSON back into objects.
// Choose it when round trips dominate (a distant database); it costs heavier SQL and JSON decoding in Node, and like
// any `include` it still loads whole rows (post bodies, author emails and bios) that the feed never shows.
import { isoMs } from '../../../src/core/params.ts';
import { defineStrategy } from '../../../src/core/scenario.ts';
import { prismaAddComment } from '../../post-detail/postgres/prisma-write.ts';
import { commentedPost, offsetOf, PAGE_SIZE, type FeedPage, type NewComment, type Params } from '../index.ts';

export default defineStrategy<Params, NewComment, FeedPage>({
  name: 'prisma-join',
  technique: 'eager',
  client: 'prisma',
  needs: ['postgres'],
  // Traced: one statement, `_count` included (a LATERAL COUNT(*) per post, which uses the comments index).
  expectQueries: () => 1,
  parity: { preparedStatements: true, relationLoadStrategy: 'join' },
  read: async ({ page }, { prisma }) => {
    const posts = await prisma.post.findMany({
      relationLoadStrategy: 'join',
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
  },
  write: (params, comment, { prisma }) => prismaAddComment(prisma, commentedPost(params), comment),
});
