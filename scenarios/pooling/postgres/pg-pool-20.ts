// pg-pool-20 — pg-join's statement over a pool of 20 connections at 64 concurrent requests: the sweep's step between
// the default and a large pool. Chosen when the database has cores to spare for more concurrent statements; it costs
// 20 server processes' memory per application instance. Only in the full run (the sweep).
import { defineStrategy } from '../../../src/core/scenario.ts';
import type { Params } from '../contract.ts';
import { readJoin } from '../lib/read.ts';

export default defineStrategy<Params>({
  name: 'pg-pool-20',
  technique: 'pooling',
  client: 'pg',
  needs: ['postgres'],
  expectQueries: () => 1,
  // This server's pool holds 20 connections whatever the run's poolSize setting; the parity manifest records it.
  parity: { pool: 20, preparedStatements: true },
  runIn: ['full'],
  // A named statement: prepared once on each pooled connection, then only bound and executed.
  read: ({ id }, ctx) => readJoin(ctx.pg, id, 'post-detail-join'),
});
