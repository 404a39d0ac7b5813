// A mixed load writes. If every strategy wrote to the same database, one strategy's writes would silently invalidate
// another's cache or read model (pg-join's plain INSERT does not update pg-denormalized's view). So in a mixed
// scenario each strategy gets its own copy of the seeded data: PostgreSQL databases cloned from the seeded one
// (CREATE DATABASE … TEMPLATE, replicated to the standby like any other write), MongoDB databases seeded afresh.
// A scenario of database variants (src/core/variants.ts) gets copies too, each prepared by its variant's SQL.
import pg from 'pg';
import type { Endpoints } from '../core/infra.ts';
import { onCleanup } from '../core/lifecycle.ts';
import type { Strategy } from '../core/scenario.ts';
import type { Dataset } from '../../datasets/generator.ts';

export function withDatabase(url: string, db: string): string {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}

function databaseOf(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, '')) || 'postgres';
}

const ident = (s: string): string => `"${s.replace(/"/g, '""')}"`;

/** Per-strategy endpoints; databases are dropped again on cleanup (they matter on external servers). */
export async function isolateStrategies(
  endpoints: Endpoints,
  scenarioName: string,
  strategies: Strategy[],
  dataset: Dataset | (() => Dataset),
  log: (line: string) => void,
  /** SQL run on a strategy's own PostgreSQL copy once cloned: its database variant (none by default). */
  prepare: (s: Strategy) => readonly string[] = () => [],
): Promise<Map<string, Endpoints>> {
  const out = new Map<string, Endpoints>();
  const pgUrl = endpoints.postgres?.url;
  const admin = pgUrl ? new pg.Client({ connectionString: withDatabase(pgUrl, 'postgres') }) : null;
  // A server stopped meanwhile (Ctrl-C, a crash) fails the pending query; unheard, the 'error' event ends the process.
  admin?.on('error', () => {});
  await admin?.connect();
  // A database is copied only while nobody else is connected to it: a pooler in front of it keeps idle server
  // connections open (PgBouncer: for minutes). Asked to close them; the copy then waits for them to go.
  if (endpoints.pgbouncer) await releasePoolerConnections(endpoints.pgbouncer.url, log);
  let prepared = false;
  try {
    for (const s of strategies) {
      const db = `ab_${scenarioName}_${s.name}`.replace(/[^a-z0-9_]/gi, '_').toLowerCase();
      const e: Endpoints = { ...endpoints };
      if (admin && pgUrl && s.needs.includes('postgres')) {
        const t0 = performance.now();
        await admin.query(`DROP DATABASE IF EXISTS ${ident(db)} WITH (FORCE)`);
        await createFromTemplate(admin, db, databaseOf(pgUrl));
        onCleanup(`drop database ${db}`, async () => {
          const c = new pg.Client({ connectionString: withDatabase(pgUrl, 'postgres'), connectionTimeoutMillis: 2000 });
          c.on('error', () => {});
          try {
            await c.connect();
            await c.query(`DROP DATABASE IF EXISTS ${ident(db)} WITH (FORCE)`);
          } catch {
            /* the server is gone already (local provider) — nothing to drop */
          } finally {
            await c.end().catch(() => {});
          }
        });
        e.postgres = { ...endpoints.postgres!, url: withDatabase(pgUrl, db) };
        const sql = prepare(s);
        if (sql.length > 0) {
          const t1 = performance.now();
          const c = new pg.Client({ connectionString: e.postgres.url });
          c.on('error', () => {});
          await c.connect();
          try {
            for (const statement of sql) await c.query(statement);
          } finally {
            await c.end();
          }
          prepared = true;
          log(`${scenarioName}/${s.name}: ${sql.length} variant statements in ${((performance.now() - t1) / 1000).toFixed(2)} s`);
        }
        if (endpoints.replica) e.replica = { ...endpoints.replica, url: withDatabase(endpoints.replica.url, db) };
        log(`${scenarioName}/${s.name}: own database ${db} (cloned in ${((performance.now() - t0) / 1000).toFixed(2)} s)`);
      }
      if (endpoints.mongo && s.needs.includes('mongo')) {
        const { seedMongo } = await import('../seed/mongo.ts');
        const url = withDatabase(endpoints.mongo.url, db);
        const r = await seedMongo(url, typeof dataset === 'function' ? dataset() : dataset);
        e.mongo = { ...endpoints.mongo, url };
        log(`${scenarioName}/${s.name}: own mongo database ${db} (${r.docs} docs in ${r.seconds.toFixed(2)} s)`);
      }
      out.set(s.name, e);
    }
    // Index builds leave dirty pages: flushed now, not by a checkpoint during a timed trial. Needs superuser or
    // pg_checkpoint (PostgreSQL 15+); where refused, the server's own checkpoints flush them.
    if (prepared)
      await admin?.query('CHECKPOINT').catch((e: Error) => log(`${scenarioName}: no CHECKPOINT after the variants (${e.message})`));
  } finally {
    await admin?.end();
  }
  if (endpoints.replica && endpoints.postgres) {
    const { waitForReplica } = await import('../infra/replication.ts');
    await waitForReplica(endpoints.postgres.url, endpoints.replica.url, 60_000);
  }
  return out;
}

/** SQLSTATE 55006: the template database is being accessed by other users. */
const TEMPLATE_IN_USE = '55006';

/** CREATE DATABASE … TEMPLATE, waiting up to 20 s for sessions still leaving the template (a pooler's, closing). */
async function createFromTemplate(admin: pg.Client, db: string, template: string): Promise<void> {
  const deadline = performance.now() + 20_000;
  for (;;) {
    try {
      await admin.query(`CREATE DATABASE ${ident(db)} TEMPLATE ${ident(template)}`);
      return;
    } catch (e) {
      if ((e as { code?: string }).code !== TEMPLATE_IN_USE || performance.now() > deadline) throw e;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

/**
 * PgBouncer's admin console (its `pgbouncer` database, for an admin user): RECONNECT closes every server connection
 * once released, and an idle one is released already. Where the console refuses (an external PgBouncer without
 * admin rights), the copy waits as it would for any other session.
 */
async function releasePoolerConnections(url: string, log: (line: string) => void): Promise<void> {
  const c = new pg.Client({ connectionString: withDatabase(url, 'pgbouncer'), connectionTimeoutMillis: 2000 });
  c.on('error', () => {});
  try {
    await c.connect();
    await c.query('RECONNECT');
  } catch (e) {
    log(`pgbouncer: could not ask it to close its server connections (${(e as Error).message})`);
  } finally {
    await c.end().catch(() => {});
  }
}
