// PgBouncer from Debian's `pgbouncer` on this machine, in front of the run's primary, in transaction mode: a server
// connection is lent to a client for one transaction only, so many client connections share a few server ones.
// Bound to loopback with a generated password (auth_file, SCRAM), in a private directory removed on stop. As root it
// runs as the unprivileged user PostgreSQL runs as (PgBouncer refuses root).
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import pg from 'pg';
import { InfraError } from '../../core/errors.ts';
import { freePort, waitFor } from '../../core/net.ts';
import { spawnManaged, type Managed } from '../process.ts';
import { chownTree, runAs } from './postgres.ts';
import { findExecutable, isExecutable, untilExit } from './redis.ts';

/** Server connections PgBouncer keeps per database: the run's default application pool (src/core/context.ts). */
export const PGBOUNCER_POOL_SIZE = 10;

/** The Debian package's path first: /usr/sbin is not on every user's PATH. */
const DEFAULT_PATHS = ['/usr/sbin/pgbouncer', '/usr/bin/pgbouncer'];

export interface RunningPgBouncer {
  url: string;
  version: string;
  proc: Managed;
}

/** The pgbouncer to run: the explicit path if given, else Debian's, else the first on PATH; null when there is none. */
export function findPgBouncer(binary?: string): string | null {
  if (binary) return isExecutable(binary) ? binary : null;
  return DEFAULT_PATHS.find(isExecutable) ?? findExecutable('pgbouncer');
}

/** "PgBouncer 1.18.0", from the binary itself. */
export function pgbouncerVersion(bin: string): string {
  const out = spawnSync(bin, ['--version'], { encoding: 'utf8' }).stdout ?? '';
  return /^PgBouncer \S+/m.exec(out)?.[0] ?? 'PgBouncer (unknown version)';
}

/** One line of the auth_file: both fields double-quoted, a quote doubled. */
const quoted = (s: string): string => `"${s.replace(/"/g, '""')}"`;

/**
 * The configuration, as data: every database name is forwarded (`*`) to the primary with its own credentials, so
 * clients authenticate against the generated auth_file password and never learn the server's.
 */
export function pgbouncerIni(o: { dir: string; port: number; primary: URL; poolSize: number; admin: string }): string {
  const server = `host=${o.primary.hostname} port=${o.primary.port || 5432} user=${decodeURIComponent(o.primary.username)} password=${decodeURIComponent(o.primary.password)}`;
  return [
    '[databases]',
    `* = ${server}`,
    '[pgbouncer]',
    'listen_addr = 127.0.0.1',
    `listen_port = ${o.port}`,
    // No unix socket: only the TCP port on loopback, like every other server of the run.
    'unix_socket_dir =',
    'auth_type = scram-sha-256',
    `auth_file = ${join(o.dir, 'userlist.txt')}`,
    `admin_users = ${o.admin}`,
    'pool_mode = transaction',
    `default_pool_size = ${o.poolSize}`,
    'max_client_conn = 2000',
    // node-postgres sends these as startup parameters; PgBouncer refuses unknown ones instead of passing them on.
    'ignore_startup_parameters = extra_float_digits,statement_timeout',
    `pidfile = ${join(o.dir, 'pgbouncer.pid')}`,
    'log_connections = 0',
    'log_disconnections = 0',
    '',
  ].join('\n');
}

export async function startPgBouncer(root: string, primaryUrl: string, binary?: string): Promise<RunningPgBouncer> {
  const bin = findPgBouncer(binary);
  if (!bin) {
    throw new InfraError(
      binary ? `pgbouncer not found or not executable at ${binary}` : 'pgbouncer not found (install: apt-get install pgbouncer)',
    );
  }
  const dir = join(root, 'pgbouncer');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const port = await freePort();
  const primary = new URL(primaryUrl);
  const user = decodeURIComponent(primary.username) || 'accessbench';
  const database = primary.pathname.replace(/^\//, '') || 'accessbench';
  const password = randomBytes(16).toString('hex');
  // Passwords in files readable by their owner only, never in argv.
  writeFileSync(join(dir, 'userlist.txt'), `${quoted(user)} ${quoted(password)}\n`, { mode: 0o600 });
  const ini = join(dir, 'pgbouncer.ini');
  writeFileSync(ini, pgbouncerIni({ dir, port, primary, poolSize: PGBOUNCER_POOL_SIZE, admin: user }), { mode: 0o600 });
  const ids = runAs();
  chownTree(dir, ids);
  const proc = spawnManaged('pgbouncer', bin, [ini], {
    logFile: join(root, 'pgbouncer.log'),
    stopSignal: 'SIGTERM',
    uid: ids.uid,
    gid: ids.gid,
  });
  const url = `postgres://${encodeURIComponent(user)}:${password}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
  try {
    await untilExit(proc, waitForBouncer(proc, url));
    return { url, version: `${pgbouncerVersion(bin)} (transaction mode, pool ${PGBOUNCER_POOL_SIZE})`, proc };
  } catch (e) {
    await proc.stop();
    throw e instanceof InfraError ? e : new InfraError(`pgbouncer failed to start: ${(e as Error).message}`);
  }
}

/** Polls until a query goes through PgBouncer to the primary and back. */
async function waitForBouncer(proc: Managed, url: string): Promise<void> {
  await waitFor(
    'pgbouncer to pass a query to the primary',
    async () => {
      if (!proc.isRunning()) return true; // untilExit has already reported the exit
      const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
      c.on('error', () => {});
      try {
        await c.connect();
        await c.query('SELECT 1');
        return true;
      } finally {
        await c.end().catch(() => {});
      }
    },
    15_000,
  );
}
