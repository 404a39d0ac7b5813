// prisma-select — the same read as prisma-include spelled out with a nested Prisma `select`: only the fields the
// payload needs, plus the keys Prisma stitches relations on (author_id, post_id, tag_id). relationLoadStrategy is
// "query", as in prisma-include. What it shows on this schema: NOT fewer bytes from the database — prisma-include
// already narrows users with a nested select and the other tables hold only payload fields and keys, so both send the
// same six statements with the same columns (post-detail-more.test.ts checks it) — but what `select` costs or saves in
// the Prisma client alone (query building, result mapping). Against `include: { author: true }`, which also fetches
// users' email and bio, select would save those columns; choose it when rows are wide. It costs spelling out every
// field, and the round trip per relation level remains.
import { isoMs } from '../../../src/core/params.ts';
import { defineStrategy } from '../../../src/core/scenario.ts';
import { prismaAddComment } from '../../shared/prisma-comment-write.ts';
import type { NewComment, Params, PostDetail } from '../contract.ts';

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
      // Byte order whatever the database's collation (Prisma's orderBy cannot name one): see prisma-include.
      tags: post.tags.map((t) => t.tag.name).sort(),
      comments: post.comments.map((c) => ({ id: c.id, body: c.body, createdAt: isoMs(c.createdAt), author: c.author })),
    };
  },
  write: ({ id }, comment, { prisma }) => prismaAddComment(prisma, id, comment),
});
