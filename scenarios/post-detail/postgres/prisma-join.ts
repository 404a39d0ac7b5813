// prisma-join — eager loading with relationLoadStrategy "join": Prisma builds one SQL statement (LATERAL joins with
// JSON aggregation in PostgreSQL) and maps the JSON it returns into objects. One round trip whatever the fan-out,
// without hand-written SQL. Choose it for deep reads through Prisma; it costs Prisma's SQL shape (you do not own it)
// and in-process mapping of every row, which pg-join avoids by passing the database's JSON through.
import { isoMs } from '../../../src/core/params.ts';
import { defineStrategy } from '../../../src/core/scenario.ts';
import { prismaAddComment } from './prisma-write.ts';
import type { NewComment, Params, PostDetail } from '../index.ts';

const userRef = { select: { id: true, username: true, displayName: true } } as const;

export default defineStrategy<Params, NewComment, PostDetail>({
  name: 'prisma-join',
  technique: 'eager',
  client: 'prisma',
  needs: ['postgres'],
  // Measured at the driver: a single statement, for an existing post or a missing one (no transaction around it).
  expectQueries: () => 1,
  parity: { preparedStatements: true, relationLoadStrategy: 'join' },
  read: async ({ id }, { prisma }) => {
    // Same `include` tree as prisma-include: the only difference between the two is the load strategy.
    const post = await prisma.post.findUnique({
      relationLoadStrategy: 'join',
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
      tags: post.tags.map((t) => t.tag.name),
      comments: post.comments.map((c) => ({ id: c.id, body: c.body, createdAt: isoMs(c.createdAt), author: c.author })),
    };
  },
  write: ({ id }, comment, { prisma }) => prismaAddComment(prisma, id, comment),
});
