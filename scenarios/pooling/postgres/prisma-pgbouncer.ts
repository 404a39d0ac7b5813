// prisma-pgbouncer — Prisma (relationLoadStrategy "join": one statement) through PgBouncer in transaction mode, with
// an application pool of 50 onto PgBouncer's 10 server connections. What was done for prepared statements: the
// driver adapter is built without a statement name generator when the strategy needs PgBouncer
// (src/server/context.ts), so node-postgres sends every statement unnamed; with the names the direct Prisma
// strategies use, a second request lent another server connection fails ("prepared statement … does not exist" or
// "… already exists"). Choose it when a Prisma application must run behind PgBouncer (serverless, many instances);
// it costs a parse per statement, the proxy's hop, and Prisma's in-process mapping. Only in the full run.
import { defineStrategy } from '../../../src/core/scenario.ts';
import { readPostDetail } from '../../post-detail/postgres/prisma-include.ts';
import type { Params, PostDetail } from '../../post-detail/contract.ts';

export default defineStrategy<Params, never, PostDetail>({
  name: 'prisma-pgbouncer',
  technique: 'pooling',
  client: 'prisma',
  needs: ['pgbouncer'],
  // A single statement, for an existing post or a missing one (no transaction around it), as prisma-join.
  expectQueries: () => 1,
  parity: {
    pool: 50,
    preparedStatements: false,
    relationLoadStrategy: 'join',
    pgbouncer: 'transaction mode, 10 server connections',
    statementTimeoutMs: 'none: PgBouncer drops the startup parameter',
  },
  runIn: ['full'],
  read: ({ id }, { prisma }) => readPostDetail(prisma, id, 'join'),
});
