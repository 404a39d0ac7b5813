// The add-comment write through Prisma, shared by the Prisma strategies of post-detail and feed (none keeps a cache
// or a read model).
import { NotFound } from '../../src/core/errors.ts';
import type { PrismaClient } from '../../datasets/prisma/generated/client.ts';
import type { CreatedComment, NewComment } from './contract.ts';

export async function prismaAddComment(prisma: PrismaClient, postId: number, c: NewComment): Promise<CreatedComment> {
  try {
    const row = await prisma.comment.create({ data: { postId, authorId: c.authorId, body: c.body, createdAt: new Date() } });
    return { id: row.id, postId, authorId: c.authorId, body: c.body, createdAt: row.createdAt.toISOString() };
  } catch (e) {
    // P2003: foreign key constraint failed — the post or the author does not exist.
    if ((e as { code?: string }).code === 'P2003') throw new NotFound('no such post or author');
    throw e;
  }
}
