// prisma-select — lean Prisma: a nested `select` fetches only the columns the payload needs (plus the keys Prisma
// stitches relations on): no user email or bio, no whole rows. relationLoadStrategy is "query", as in prisma-include,
// so the two differ only in what each query selects. Choose it when rows are wide or payloads large; it costs
// spelling out every field, and the round trip per relation level remains. On this schema the SQL matches
// prisma-include's column for column (it already narrows users with a nested select, and the other tables hold only
// payload fields and keys); the gap appears with `include: { author: true }`, which also fetches email and bio.
import { isoMs } from '../../../src/core/params.ts';
import { defineStrategy } from '../../../src/core/scenario.ts';
import { prismaAddComment } from './prisma-write.ts';
import type { NewComment, Params, PostDetail } from '../index.ts';

const userRef = { select: { id: true, username: true, displayName: true } } as const;

export default defineStrategy<Params, NewComment, PostDetail>({
  name: 'prisma-select',
  technique: 'lean',
  client: 'prisma',
  needs: ['postgres'],
  // As prisma-include: one query per relation level (post, author, comments, comment authors, post_tags, tags),
  // each level sent even when the previous one is empty; 1 for a missing post.
  expectQueries: (f) => (f.exists ? 6 : 1),
  parity: { preparedStatements: true, relationLoadStrategy: 'query' },
  read: async ({ id }, { prisma }) => {
    const post = await prisma.post.findUnique({
      relationLoadStrategy: 'query',
      where: { id },
      select: {
        id: true,
        title: true,
        body: true,
        createdAt: true,
        author: userRef,
        comments: {
          orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
          select: { id: true, body: true, createdAt: true, author: userRef },
        },
        tags: { orderBy: { tag: { name: 'asc' } }, select: { tag: { select: { name: true } } } },
      },
    });
    if (!post) return null;
    return {
      id: post.id,
      title: post.title,
      body: post.body,
      createdAt: isoMs(post.createdAt),
      author: post.author,
      tags: post.tags.map((t) => t.tag.name),
      comments: post.comments.map((c) => ({ id: c.id, body: c.body, createdAt: isoMs(c.createdAt), author: c.author })),
    };
  },
  write: ({ id }, comment, { prisma }) => prismaAddComment(prisma, id, comment),
});
