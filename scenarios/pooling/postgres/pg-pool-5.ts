// pg-pool-5 — pg-join's statement over a pool of 5 connections at 64 concurrent requests: fewer connections than the
// machine's database could keep busy, so requests wait for one. Chosen where the database's connection limit is
// shared by many application instances (5 × N instances must stay under max_connections). It costs queueing in the
// application when the load outgrows the pool. Only in the full run (the sweep).
import { defineStrategy } from '../../../src/core/scenario.ts';
import type { Params } from '../contract.ts';
import { readJoin } from '../lib/read.ts';

export default defineStrategy<Params>({
  name: 'pg-pool-5',
  technique: 'pooling',
  client: 'pg',
  needs: ['postgres'],
  expectQueries: () => 1,
  // This server's pool holds 5 connections whatever the run's poolSize setting; the parity manifest records it.
  parity: { pool: 5, preparedStatements: true },
  runIn: ['full'],
  // A named statement: prepared once on each pooled connection, then only bound and executed.
  read: ({ id }, ctx) => readJoin(ctx.pg, id, 'post-detail-join'),
});
