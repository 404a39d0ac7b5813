// The read of bulk-write's Prisma strategies (what verification reads back after their write), and Prisma's
// foreign-key error as a 404.
import { NotFound } from '../../../src/core/errors.ts';
import { isoMs } from '../../../src/core/params.ts';
import type { PrismaClient } from '../../../datasets/prisma/generated/client.ts';
import type { PostComments } from '../contract.ts';

/** The post, then its comments (relationLoadStrategy "query"): 2 statements, 1 when the post does not exist. */
export async function prismaReadComments(prisma: PrismaClient, id: number): Promise<PostComments | null> {
  const post = await prisma.post.findUnique({
    relationLoadStrategy: 'query',
    where: { id },
    select: {
      id: true,
      comments: { select: { authorId: true, body: true, createdAt: true }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] },
    },
  });
  if (!post) return null;
  return { postId: post.id, comments: post.comments.map((c) => ({ authorId: c.authorId, body: c.body, createdAt: isoMs(c.createdAt) })) };
}

/** P2003 (foreign key constraint failed): the post or an author does not exist — a 404. */
export function prismaNotFound(e: unknown): never {
  if ((e as { code?: string }).code === 'P2003') throw new NotFound('no such post or author');
  throw e;
}
