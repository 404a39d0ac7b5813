// pg-per-request — a connection opened for each request: new pg.Client, connect, one query, end. It is what a
// serverless function without a connection proxy does, and what code that forgot its pool does. Each request pays
// TCP connect, PostgreSQL forking a backend, SCRAM authentication (thousands of hash rounds on both sides) and the
// backend's start-up, before its one statement; the report shows that setup as a share of the request's database
// time. Teams choose it only where nothing can hold a connection between requests; what it costs is that setup on
// every request, CPU on the database for every fork, and as many server connections as requests in flight (no cap).
import { defineStrategy } from '../../../src/core/scenario.ts';
import type { Params } from '../contract.ts';
import { readOnNewConnection } from '../lib/read.ts';

export default defineStrategy<Params>({
  name: 'pg-per-request',
  technique: 'pooling',
  client: 'pg',
  needs: ['postgres'],
  expectQueries: () => 1,
  // No pool: `pool` names none; the statement is unnamed (preparing it on a connection about to close gains nothing).
  parity: { pool: 0, preparedStatements: false, connection: 'per request' },
  read: ({ id }, ctx) => readOnNewConnection(ctx, 'postgres', id),
});
