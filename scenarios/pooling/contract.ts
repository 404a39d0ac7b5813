// pooling — post-detail's read (GET /posts/:id) served through different ways of getting a PostgreSQL connection: a
// pool of 1 to 50, a connection opened per request (what serverless code does without a proxy), and PgBouncer in
// transaction mode. Every strategy sends pg-join's one statement, so what differs is only how a request gets its
// connection. Measured at 64 connections, above every pool it compares, so requests queue for connections; each trial
// also samples the primary's connection count (pg_stat_activity).
import { defineContract } from '../../src/core/scenario.ts';
import { contract as postDetail, type Params } from '../post-detail/contract.ts';

export type { Params };

/** The load's concurrency: above the largest pool compared, so a pool smaller than it makes requests wait. */
export const POOLING_CONNECTIONS = 64;

export const contract = defineContract<Params>({
  ...postDetail,
  name: 'pooling',
  summary: `post-detail's one-statement read at ${POOLING_CONNECTIONS} connections: pool sizes, a connection per request, PgBouncer`,
  reference: 'pg-pool-10',
  writes: undefined,
  fanout: undefined,
  connections: POOLING_CONNECTIONS,
  sampleConnections: true,
});
