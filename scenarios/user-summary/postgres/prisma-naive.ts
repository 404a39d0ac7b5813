// prisma-naive — aggregation the way it is first written with an ORM: load the user, findMany their posts, then for
// each post count its comments and load its tags, awaiting each call in the loop, and sum it all in JS. The query
// count grows with the user's post count (a prolific author costs hundreds of round trips) and every post row is
// hydrated whole. It is what a team gets by default; it costs a round trip per post per relation.
import { defineStrategy } from '../../../src/core/scenario.ts';
import type { Params, UserSummary } from '../contract.ts';
import { summarizeInJs, type LoadedPost } from '../lib/summarize.ts';

export default defineStrategy<Params, never, UserSummary>({
  name: 'prisma-naive',
  technique: 'naive',
  client: 'prisma',
  needs: ['postgres'],
  // user + posts, then per post: the comment count and the tag links. With the relationJoins preview on, Prisma's
  // default for `include: { tag }` is a LATERAL join, so the links and their tags are one query: 2 + 2 × posts;
  // 1 for an unknown user.
  expectQueries: (f) => (f.exists ? 2 + 2 * (f.posts ?? 0) : 1),
  parity: { preparedStatements: true },
  read: async ({ id }, { prisma }) => {
    const user = await prisma.user.findUnique({ where: { id } });
    if (!user) return null;
    const posts = await prisma.post.findMany({ where: { authorId: id } });
    const loaded: LoadedPost[] = [];
    for (const post of posts) {
      const comments = await prisma.comment.count({ where: { postId: post.id } });
      const links = await prisma.postTag.findMany({ where: { postId: post.id }, include: { tag: true } });
      loaded.push({ id: post.id, title: post.title, createdAt: post.createdAt, comments, tags: links.map((l) => l.tag.name) });
    }
    return summarizeInJs(user, loaded);
  },
});
