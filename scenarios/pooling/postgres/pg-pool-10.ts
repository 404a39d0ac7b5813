// pg-pool-10 — pg-join's statement over a pool of 10 connections (node-postgres' default, and this run's): the
// reference of the pooling scenario. At 64 concurrent requests, 54 wait for a connection at any time; the time they
// wait is measured at pool.connect. Choose a pool of about the database's cores × 2–4: enough to keep it busy, few
// enough that it does not thrash. It costs queueing in the application once the load exceeds it.
import { defineStrategy } from '../../../src/core/scenario.ts';
import type { Params } from '../contract.ts';
import { readJoin } from '../lib/read.ts';

export default defineStrategy<Params>({
  name: 'pg-pool-10',
  technique: 'pooling',
  client: 'pg',
  needs: ['postgres'],
  expectQueries: () => 1,
  // This server's pool holds 10 connections whatever the run's poolSize setting; the parity manifest records it.
  parity: { pool: 10, preparedStatements: true },
  // A named statement: prepared once on each pooled connection, then only bound and executed.
  read: ({ id }, ctx) => readJoin(ctx.pg, id, 'post-detail-join'),
});
