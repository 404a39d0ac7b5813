// pg-pgbouncer — a pool of 50 connections in the application, to PgBouncer in transaction mode, which multiplexes them
// onto its 10 server connections: the architecture of many application instances (or a large pool each) in front of
// a database with a connection limit. A server connection is lent per transaction (here: per statement), so the 50
// client connections cost the database 10 backends. Prepared statements need care: PgBouncer 1.18 in transaction mode
// does not track them, so a statement named on one server connection is missing (or already exists) on the next one
// a client is lent. This strategy sends every statement unnamed (parse, bind and execute in one round trip), and pays
// a parse per execution. Choose it when connection count, not throughput, is the limit; it costs a proxy, a second
// hop per statement, the lost prepared statements, and session state (SET, advisory locks, LISTEN) that must not be
// relied on across transactions.
import { defineStrategy } from '../../../src/core/scenario.ts';
import type { Params } from '../contract.ts';
import { readJoin } from '../lib/read.ts';

export default defineStrategy<Params>({
  name: 'pg-pgbouncer',
  technique: 'pooling',
  client: 'pg',
  needs: ['pgbouncer'],
  expectQueries: () => 1,
  parity: {
    pool: 50,
    preparedStatements: false,
    pgbouncer: 'transaction mode, 10 server connections',
    statementTimeoutMs: 'none: PgBouncer drops the startup parameter',
  },
  // No name: an unnamed statement lives for one round trip only, so it is safe whichever server connection runs it.
  read: ({ id }, ctx) => readJoin(ctx.pgbouncer, id),
});
