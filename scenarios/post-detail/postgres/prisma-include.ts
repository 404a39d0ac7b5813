// prisma-include — eager loading with nested `include` and relationLoadStrategy "query": Prisma issues one query per
// relation level (post, author, comments, comment authors, post_tags, tags) and stitches the rows in Node.
// The default fix for N+1 in Prisma code; it costs a constant handful of round trips and in-process row mapping.
import { isoMs } from '../../../src/core/params.ts';
import { defineStrategy } from '../../../src/core/scenario.ts';
import { prismaAddComment } from '../../shared/prisma-comment-write.ts';
import type { NewComment, Params, PostDetail } from '../contract.ts';
import type { PrismaClient } from '../../../datasets/prisma/generated/client.ts';

const userRef = { select: { id: true, username: true, displayName: true } } as const;

/** The read, shared with prisma-join so that the two differ in nothing but the load strategy. */
export async function readPostDetail(prisma: PrismaClient, id: number, relationLoadStrategy: 'query' | 'join'): Promise<PostDetail | null> {
  const post = await prisma.post.findUnique({
    relationLoadStrategy,
    where: { id },
    include: {
      author: userRef,
      comments: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], include: { author: userRef } },
      tags: { include: { tag: { select: { name: true } } }, orderBy: { tag: { name: 'asc' } } },
    },
  });
  if (!post) return null;
  return {
    id: post.id,
    title: post.title,
    body: post.body,
    createdAt: isoMs(post.createdAt),
    author: post.author,
    // Prisma cannot name a collation in orderBy, so the database orders by its default collation (en_US in the
    // docker image); the contract is byte order, which JS's sort gives for these names.
    tags: post.tags.map((t) => t.tag.name).sort(),
    comments: post.comments.map((c) => ({ id: c.id, body: c.body, createdAt: isoMs(c.createdAt), author: c.author })),
  };
}

export default defineStrategy<Params, NewComment, PostDetail>({
  name: 'prisma-include',
  technique: 'eager',
  client: 'prisma',
  needs: ['postgres'],
  // One query per relation level, even when a level is empty (Prisma then sends `IN (NULL)`); 1 for a missing post.
  expectQueries: (f) => (f.exists ? 6 : 1),
  parity: { preparedStatements: true, relationLoadStrategy: 'query' },
  read: ({ id }, { prisma }) => readPostDetail(prisma, id, 'query'),
  write: ({ id }, comment, { prisma }) => prismaAddComment(prisma, id, comment),
});
