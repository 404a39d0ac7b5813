// What every pooling strategy sends: pg-join's statement, returning PostgreSQL's JSON text untouched. Only where the
// connection comes from differs between them.
import pg from 'pg';
import { RawJson, type Ctx } from '../../../src/core/context.ts';
import { POST_DETAIL_SQL } from '../../post-detail/postgres/pg-join.ts';

/** As a named statement (prepared once per server connection) or an unnamed one (parsed on every execution). */
export async function readJoin(db: pg.Pool | pg.Client, id: number, name?: string): Promise<RawJson | null> {
  const r = await db.query<{ payload: string }>(
    name ? { name, text: POST_DETAIL_SQL, values: [id] } : { text: POST_DETAIL_SQL, values: [id] },
  );
  const payload = r.rows[0]?.payload;
  return payload === undefined ? null : new RawJson(payload);
}

/**
 * A connection of its own for one request: open, query, close — what a serverless function without a connection
 * proxy does. The statement is unnamed: a name would be prepared on a connection that is closed right after.
 */
export async function readOnNewConnection(ctx: Ctx, need: 'postgres' | 'pgbouncer', id: number): Promise<RawJson | null> {
  const client = new pg.Client({ connectionString: ctx.url(need), statement_timeout: ctx.settings.statementTimeoutMs });
  client.on('error', () => {}); // a server gone mid-request surfaces as the query's error, not a crash
  await client.connect();
  try {
    return await readJoin(client, id);
  } finally {
    await client.end().catch(() => {});
  }
}
