// pg-per-request-pgbouncer — a connection per request as in pg-per-request, but to PgBouncer (transaction mode) instead
// of PostgreSQL: what a serverless function does behind a connection proxy. The client still pays TCP connect and
// SCRAM authentication (against PgBouncer's auth_file), but no backend is forked: PgBouncer lends one of its 10 warm
// server connections for the statement's transaction. Choose it where functions cannot pool but a proxy can run
// beside the database; it costs a proxy to run and a second network hop, and authentication is still per request.
// Only in the full run.
import { defineStrategy } from '../../../src/core/scenario.ts';
import type { Params } from '../contract.ts';
import { readOnNewConnection } from '../lib/read.ts';

export default defineStrategy<Params>({
  name: 'pg-per-request-pgbouncer',
  technique: 'pooling',
  client: 'pg',
  needs: ['pgbouncer'],
  expectQueries: () => 1,
  // Unnamed statements: in transaction mode a name prepared on one server connection is unknown on the next one.
  parity: {
    pool: 0,
    preparedStatements: false,
    connection: 'per request',
    pgbouncer: 'transaction mode, 10 server connections',
    statementTimeoutMs: 'none: PgBouncer drops the startup parameter',
  },
  runIn: ['full'],
  read: ({ id }, ctx) => readOnNewConnection(ctx, 'pgbouncer', id),
});
