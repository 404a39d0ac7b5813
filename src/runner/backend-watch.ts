// A run measures strategies against shared servers; when the primary that every strategy needs is gone, nothing the
// run does afterwards means anything. This check tells such a death from a strategy's own failure, so the run stops
// with the server named (exit 3, a partial result) instead of recording every later strategy as failed.
import pg from 'pg';
import { InfraError } from '../core/errors.ts';
import { checkInterrupted } from '../core/lifecycle.ts';
import type { StartedInfra } from '../core/infra.ts';
import { redact } from '../infra/external.ts';

export class BackendDiedError extends InfraError {
  override name = 'BackendDiedError';
}

function alive(pid: number | undefined): boolean {
  if (pid === undefined) return true; // not ours to see: the connection attempt decides
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Throws BackendDiedError when the PostgreSQL primary does not answer `SELECT 1` within a few seconds. */
export async function checkPrimary(infra: Pick<StartedInfra, 'endpoints'>, where: string): Promise<void> {
  const primary = infra.endpoints.postgres;
  if (!primary) return;
  const u = new URL(primary.url);
  const fail = (why: string): never => {
    // Ctrl-C from a terminal reaches the servers too: a primary that stopped because of it did not die.
    checkInterrupted();
    throw new BackendDiedError(
      `the PostgreSQL primary at ${u.hostname}:${u.port} is gone (${redact(why, primary.url)}), noticed at ` +
        `${new Date().toISOString()} ${where}; every remaining strategy needs it, so the run stops here`,
    );
  };
  if (!alive(primary.pid)) fail(`process ${primary.pid} has exited`);
  const client = new pg.Client({ connectionString: primary.url, connectionTimeoutMillis: 3000, query_timeout: 3000 });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (e) {
    fail((e as Error).message);
  } finally {
    await client.end().catch(() => {});
  }
}
