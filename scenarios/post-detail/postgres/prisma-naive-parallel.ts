// prisma-naive-parallel — prisma-naive's N+1 with the awaits made concurrent: after the post, its author, its comments
// and its tag links are requested at once, then every comment's author and every tag at once (Promise.all). The
// same 4 + N (comments) + T (tags) queries per request as prisma-naive: the difference is timing only.
// Prisma batches findUnique calls made in the same tick into one `WHERE id IN (...)` query (its own dataloader), so
// this file looks rows up with findFirst, which Prisma does not batch: written with findUnique the "parallel" code
// would silently become graphql-dataloader's batching, and the N+1 under test would be gone.
// A team reaches for it when "just parallelize the awaits" is the cheapest fix: at low load a request's round trips
// overlap. What it costs: one request holds many pool connections at once, so under concurrency requests queue for
// the pool, and the database serves as many statements as before.
import { isoMs } from '../../../src/core/params.ts';
import { defineStrategy } from '../../../src/core/scenario.ts';
import { prismaAddComment } from '../../shared/prisma-comment-write.ts';
import type { NewComment, Params, PostDetail, UserRef } from '../contract.ts';

const ref = (u: { id: number; username: string; displayName: string }): UserRef => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
});

export default defineStrategy<Params, NewComment, PostDetail>({
  name: 'prisma-naive-parallel',
  technique: 'naive',
  client: 'prisma',
  needs: ['postgres'],
  // pg-naive-parallel shows the technique in the default run; this one, the same with Prisma, in full.
  runIn: ['full'],
  expectQueries: (f) => (f.exists ? 4 + (f.comments ?? 0) + (f.tags ?? 0) : 1),
  parity: { preparedStatements: true, awaits: 'parallel', sameQueriesAs: 'prisma-naive' },
  read: async ({ id }, { prisma }) => {
    const post = await prisma.post.findUnique({ where: { id } });
    if (!post) return null;
    const user = (userId: number) => prisma.user.findFirstOrThrow({ where: { id: userId } });
    const [author, comments, tags] = await Promise.all([
      user(post.authorId),
      prisma.comment
        .findMany({ where: { postId: id }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] })
        .then((cs) =>
          Promise.all(
            cs.map(async (c) => ({ id: c.id, body: c.body, createdAt: isoMs(c.createdAt), author: ref(await user(c.authorId)) })),
          ),
        ),
      prisma.postTag
        .findMany({ where: { postId: id } })
        .then((links) => Promise.all(links.map(async (l) => (await prisma.tag.findFirstOrThrow({ where: { id: l.tagId } })).name))),
    ]);
    return {
      id: post.id,
      title: post.title,
      body: post.body,
      createdAt: isoMs(post.createdAt),
      author: ref(author),
      tags: tags.sort(),
      comments,
    };
  },
  write: ({ id }, comment, { prisma }) => prismaAddComment(prisma, id, comment),
});
