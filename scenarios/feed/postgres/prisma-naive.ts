// prisma-naive — the ORM used the way a first version of a feed is written: findMany the page, then for each post
// await its author, its comment count and its tag links, then each tag. 1 + 3·posts + post_tags queries per page.
// It is what a team gets by default; it costs a round trip per row, so a full page costs ~20x a post.
// (A Promise.all over findUnique would be batched by Prisma's dataloader; the sequential loop is the common form.)
import { isoMs } from '../../../src/core/params.ts';
import { defineStrategy } from '../../../src/core/scenario.ts';
import { prismaAddComment } from '../../shared/prisma-comment-write.ts';
import { commentedPost, offsetOf, PAGE_SIZE, type FeedItem, type FeedPage, type NewComment, type Params } from '../contract.ts';

export default defineStrategy<Params, NewComment, FeedPage>({
  name: 'prisma-naive',
  technique: 'naive',
  client: 'prisma',
  needs: ['postgres'],
  // 1 (the page) + per post: findUnique author, count comments, findMany post_tags (3) + per link: findUnique tag (1).
  // Each Prisma call is one SELECT (traced): count() is a single SELECT COUNT(*), with no transaction around it.
  expectQueries: (f) => 1 + 3 * (f.posts ?? 0) + (f.postTags ?? 0),
  parity: { preparedStatements: true },
  read: async ({ page }, { prisma }) => {
    const posts = await prisma.post.findMany({ orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], skip: offsetOf(page), take: PAGE_SIZE });
    const out: FeedItem[] = [];
    for (const p of posts) {
      const author = await prisma.user.findUniqueOrThrow({ where: { id: p.authorId } });
      const commentCount = await prisma.comment.count({ where: { postId: p.id } });
      const links = await prisma.postTag.findMany({ where: { postId: p.id } });
      const tags: string[] = [];
      for (const l of links) tags.push((await prisma.tag.findUniqueOrThrow({ where: { id: l.tagId } })).name);
      out.push({
        id: p.id,
        title: p.title,
        createdAt: isoMs(p.createdAt),
        author: { id: author.id, username: author.username, displayName: author.displayName },
        commentCount,
        tags: tags.sort(),
      });
    }
    return { page, posts: out };
  },
  write: (params, comment, { prisma }) => prismaAddComment(prisma, commentedPost(params), comment),
});
