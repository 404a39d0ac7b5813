// prisma-naive — the ORM used the way most code first uses it: fetch the post, then each relation, then each
// comment's author one at a time in a loop. 1 + 1 + 1 + N (comment authors) + 1 + T (tags) queries per request.
// It is what a team gets by default; it costs a round trip per row, and the cost grows with the fan-out.
// (A Promise.all over findUnique would be batched by Prisma's dataloader; the sequential loop is the common form.)
import { isoMs } from '../../../src/core/params.ts';
import { defineStrategy } from '../../../src/core/scenario.ts';
import { prismaAddComment } from '../../shared/prisma-comment-write.ts';
import type { NewComment, Params, PostDetail, UserRef } from '../contract.ts';

export default defineStrategy<Params, NewComment, PostDetail>({
  name: 'prisma-naive',
  technique: 'naive',
  client: 'prisma',
  needs: ['postgres'],
  expectQueries: (f) => (f.exists ? 4 + (f.comments ?? 0) + (f.tags ?? 0) : 1),
  parity: { preparedStatements: true },
  read: async ({ id }, { prisma }) => {
    const post = await prisma.post.findUnique({ where: { id } });
    if (!post) return null;
    const ref = (u: { id: number; username: string; displayName: string }): UserRef => ({
      id: u.id,
      username: u.username,
      displayName: u.displayName,
    });
    const author = await prisma.user.findUniqueOrThrow({ where: { id: post.authorId } });
    const comments = await prisma.comment.findMany({ where: { postId: id }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
    const outComments: PostDetail['comments'] = [];
    for (const c of comments) {
      const commenter = await prisma.user.findUniqueOrThrow({ where: { id: c.authorId } });
      outComments.push({ id: c.id, body: c.body, createdAt: isoMs(c.createdAt), author: ref(commenter) });
    }
    const links = await prisma.postTag.findMany({ where: { postId: id } });
    const tags: string[] = [];
    for (const l of links) tags.push((await prisma.tag.findUniqueOrThrow({ where: { id: l.tagId } })).name);
    tags.sort();
    return {
      id: post.id,
      title: post.title,
      body: post.body,
      createdAt: isoMs(post.createdAt),
      author: ref(author),
      tags,
      comments: outComments,
    };
  },
  write: ({ id }, comment, { prisma }) => prismaAddComment(prisma, id, comment),
});
