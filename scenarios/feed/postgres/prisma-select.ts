// prisma-select — prisma-include with a projection: `select` names exactly the fields the feed shows, so the post
// body and the authors' emails and bios never leave the database. Same relation strategy ("query") as
// prisma-include, so the pair isolates what the projection saves (bytes on the wire, rows mapped in Node).
// The production habit for list endpoints; it costs a select tree that must follow the payload as it changes.
// `_count` compiles to the same whole-table GROUP BY as in prisma-include: a projection does not change that.
import { isoMs } from '../../../src/core/params.ts';
import { defineStrategy } from '../../../src/core/scenario.ts';
import { prismaAddComment } from '../../shared/prisma-comment-write.ts';
import { commentedPost, offsetOf, PAGE_SIZE, type FeedPage, type NewComment, type Params } from '../contract.ts';

export default defineStrategy<Params, NewComment, FeedPage>({
  name: 'prisma-select',
  technique: 'lean',
  client: 'prisma',
  needs: ['postgres'],
  // As prisma-include (traced): page + counts, users, post_tags, tags; 4 even for an empty page (`IN (NULL)`).
  expectQueries: () => 4,
  parity: { preparedStatements: true, relationLoadStrategy: 'query' },
  read: async ({ page }, { prisma }) => {
    const posts = await prisma.post.findMany({
      relationLoadStrategy: 'query',
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      skip: offsetOf(page),
      take: PAGE_SIZE,
      select: {
        id: true,
        title: true,
        createdAt: true,
        author: { select: { id: true, username: true, displayName: true } },
        _count: { select: { comments: true } },
        tags: { select: { tag: { select: { name: true } } } },
      },
    });
    return {
      page,
      posts: posts.map((p) => ({
        id: p.id,
        title: p.title,
        createdAt: isoMs(p.createdAt),
        author: p.author,
        commentCount: p._count.comments,
        tags: p.tags.map((t) => t.tag.name).sort(),
      })),
    };
  },
  write: (params, comment, { prisma }) => prismaAddComment(prisma, commentedPost(params), comment),
});
