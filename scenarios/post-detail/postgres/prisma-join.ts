// prisma-join — eager loading with relationLoadStrategy "join": Prisma builds one SQL statement (LATERAL joins with
// JSON aggregation in PostgreSQL) and maps the JSON it returns into objects. One round trip whatever the fan-out,
// without hand-written SQL. Choose it for deep reads through Prisma; it costs Prisma's SQL shape (you do not own it)
// and in-process mapping of every row, which pg-join avoids by passing the database's JSON through.
import { defineStrategy } from '../../../src/core/scenario.ts';
import { prismaAddComment } from '../../shared/prisma-comment-write.ts';
import { readPostDetail } from './prisma-include.ts';
import type { NewComment, Params, PostDetail } from '../contract.ts';

export default defineStrategy<Params, NewComment, PostDetail>({
  name: 'prisma-join',
  technique: 'eager',
  client: 'prisma',
  needs: ['postgres'],
  // Measured at the driver: a single statement, for an existing post or a missing one (no transaction around it).
  expectQueries: () => 1,
  parity: { preparedStatements: true, relationLoadStrategy: 'join' },
  // The same `include` tree and mapping as prisma-include (shared code): only the load strategy differs.
  read: ({ id }, { prisma }) => readPostDetail(prisma, id, 'join'),
  write: ({ id }, comment, { prisma }) => prismaAddComment(prisma, id, comment),
});
