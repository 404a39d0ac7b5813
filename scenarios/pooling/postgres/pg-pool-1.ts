// pg-pool-1 — pg-join's statement over a pool of ONE connection, at 64 concurrent requests: every request queues for
// the single connection, so throughput is one connection's round trip after another and the wait shows in latency.
// No team chooses it on purpose; it is what a pool left at max: 1 (or a single shared pg.Client) does in production.
// It costs almost all of the latency in waiting; the database sits idle between statements. Only in the full run.
import { defineStrategy } from '../../../src/core/scenario.ts';
import type { Params } from '../contract.ts';
import { readJoin } from '../lib/read.ts';

export default defineStrategy<Params>({
  name: 'pg-pool-1',
  technique: 'pooling',
  client: 'pg',
  needs: ['postgres'],
  expectQueries: () => 1,
  // This server's pool holds 1 connection whatever the run's poolSize setting; the parity manifest records it.
  parity: { pool: 1, preparedStatements: true },
  runIn: ['full'],
  // A named statement: prepared once on each pooled connection, then only bound and executed.
  read: ({ id }, ctx) => readJoin(ctx.pg, id, 'post-detail-join'),
});
