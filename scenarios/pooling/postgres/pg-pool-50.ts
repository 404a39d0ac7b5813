// pg-pool-50 — pg-join's statement over a pool of 50 connections at 64 concurrent requests: nearly one connection per
// in-flight request, so almost no request waits in the application — the queue moves into the database, where 50
// backends compete for its cores. Teams choose it to "fix" pool waits; what it costs is 50 server processes per
// application instance (times the instances, against max_connections) and, past the database's cores, no more
// throughput, only more contention.
import { defineStrategy } from '../../../src/core/scenario.ts';
import type { Params } from '../contract.ts';
import { readJoin } from '../lib/read.ts';

export default defineStrategy<Params>({
  name: 'pg-pool-50',
  technique: 'pooling',
  client: 'pg',
  needs: ['postgres'],
  expectQueries: () => 1,
  // This server's pool holds 50 connections whatever the run's poolSize setting; the parity manifest records it.
  parity: { pool: 50, preparedStatements: true },
  // A named statement: prepared once on each pooled connection, then only bound and executed.
  read: ({ id }, ctx) => readJoin(ctx.pg, id, 'post-detail-join'),
});
