// The seeded-database cache: a copy of the primary's data directory taken after seeding, VACUUM (FREEZE), CHECKPOINT
// and a clean shutdown, kept outside the checkout under its seed key (src/seed/key.ts). A run whose key matches
// starts its primary from a copy of it: no initdb, no seed.
// Entries are written to a staging dir and renamed into place, so `<root>/<key>` exists only once complete: a run
// killed mid-write (even by SIGKILL) leaves a `.staging-*` dir that lookups never read and the next write sweeps.
// An entry is never modified after the rename; a changed source gives a new key, not a rewritten entry.
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  copyFileSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { onCleanup } from '../../core/lifecycle.ts';
import { InfraError } from '../../core/errors.ts';
import type { DatasetFacts } from '../../core/infra.ts';
import { chownTree } from './postgres.ts';

export interface CacheMeta {
  key: string;
  preset: string;
  seed: number;
  rows: number;
  /** The role and database initdb created; the password is replaced on every start from the entry. */
  user: string;
  password: string;
  database: string;
  /** How long the seed that produced the entry took, in seconds. */
  seedSeconds: number;
  createdAt: string;
  facts: DatasetFacts;
}

export interface CacheEntry {
  dir: string;
  dataDir: string;
  meta: CacheMeta;
}

/** ACCESSBENCH_SEED_CACHE, else /var/tmp/accessbench-seeded (kept across reboots on most systems, like the binaries). */
export function seedCacheRoot(): string {
  return process.env.ACCESSBENCH_SEED_CACHE || '/var/tmp/accessbench-seeded';
}

const KEY = /^[a-z]+-\d+-[0-9a-f]{32}$/;

/** The complete entry for `key`, or null. Anything unreadable counts as a miss, never as a partial hit. */
export function lookupEntry(root: string, key: string): CacheEntry | null {
  if (!KEY.test(key)) throw new InfraError(`not a seed key: ${key}`);
  const dir = join(root, key);
  try {
    const meta = JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8')) as CacheMeta;
    if (meta.key !== key || !meta.facts || !existsSync(join(dir, 'data', 'PG_VERSION'))) return null;
    return { dir, dataDir: join(dir, 'data'), meta };
  } catch {
    return null;
  }
}

/**
 * Stores a cleanly shut down data directory under `key`. Returns false when another run stored the same key first
 * (its entry is identical by construction, so this copy is dropped).
 */
export async function storeEntry(root: string, dataDir: string, meta: CacheMeta): Promise<boolean> {
  mkdirSync(root, { recursive: true, mode: 0o700 });
  sweepStaging(root);
  const staging = join(root, `.staging-${process.pid}-${randomBytes(4).toString('hex')}`);
  // Ctrl-C mid-copy: the run's cleanups remove the staging dir (SIGKILL: the next sweep does).
  const cleanup = onCleanup(`remove ${staging}`, () => rmSync(staging, { recursive: true, force: true }));
  try {
    mkdirSync(staging, { mode: 0o700 });
    copyTree(dataDir, join(staging, 'data'), { wal: walToKeep(dataDir), sync: true });
    writeFileSync(join(staging, 'meta.json'), JSON.stringify(meta, null, 1) + '\n', { mode: 0o600 });
    fsyncFile(join(staging, 'meta.json'));
    fsyncFile(staging);
    const target = join(root, meta.key);
    // An unreadable entry under this key (an older layout) would block the rename forever; it is never read anyway.
    if (existsSync(target) && !lookupEntry(root, meta.key)) rmSync(target, { recursive: true, force: true });
    try {
      renameSync(staging, target);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EEXIST' || code === 'ENOTEMPTY') return false;
      throw e;
    }
    fsyncFile(root);
    return true;
  } finally {
    await cleanup();
  }
}

/** Copies an entry's data directory to `dst`: mode 0700 and owned by the user postgres runs as, as initdb leaves it. */
export function restoreEntry(entry: CacheEntry, dst: string, ids: { uid?: number; gid?: number }): void {
  copyTree(entry.dataDir, dst, { wal: null, sync: false });
  chmodSync(dst, 0o700);
  chownTree(dst, ids);
}

/** Staging dirs of runs that are gone (a live run may be writing its own). */
function sweepStaging(root: string): void {
  for (const name of readdirSync(root)) {
    const m = /^\.staging-(\d+)-/.exec(name);
    if (!m) continue;
    try {
      process.kill(Number(m[1]), 0);
      continue;
    } catch {
      rmSync(join(root, name), { recursive: true, force: true });
    }
  }
}

/**
 * After a clean shutdown only the WAL segment holding the shutdown checkpoint is needed to start; pg_wal also holds
 * up to max_wal_size of recycled segments, which would only make the entry (and every start from it) bigger.
 * Returns that segment's name, or null (copy all of pg_wal) when pg_control does not say "shut down" or the
 * segment is not where expected. pg_control layout: state at byte 16, checkpoint redo LSN at 40, its timeline at 48.
 */
function walToKeep(dataDir: string): Set<string> | null {
  const ctl = readFileSync(join(dataDir, 'global', 'pg_control'));
  if (ctl.readUInt32LE(16) !== 1) throw new InfraError(`${dataDir} was not shut down cleanly; it is not cached`);
  const redo = ctl.readBigUInt64LE(40);
  const tli = ctl.readUInt32LE(48);
  const segSize = 16n * 1024n * 1024n; // initdb's default, which startPrimary does not change
  const segNo = redo / segSize;
  const perId = 0x100000000n / segSize;
  const hex = (n: bigint | number): string => n.toString(16).toUpperCase().padStart(8, '0');
  const name = `${hex(tli)}${hex(segNo / perId)}${hex(segNo % perId)}`;
  if (!existsSync(join(dataDir, 'pg_wal', name)) || statSync(join(dataDir, 'pg_wal', name)).size !== Number(segSize)) return null;
  return new Set([name]);
}

/** A plain recursive copy (modes kept), fsynced when `sync`; in pg_wal only the `wal` segments when given. */
function copyTree(src: string, dst: string, opts: { wal: Set<string> | null; sync: boolean }, rel = ''): void {
  const { wal, sync } = opts;
  mkdirSync(dst, { mode: 0o700 });
  for (const e of readdirSync(src, { withFileTypes: true })) {
    if (rel === '' && (e.name === 'postmaster.pid' || e.name === 'postmaster.opts')) continue;
    if (rel === 'pg_wal' && wal && e.isFile() && /^[0-9A-F]{24}$/.test(e.name) && !wal.has(e.name)) continue;
    const from = join(src, e.name);
    const to = join(dst, e.name);
    if (e.isDirectory()) copyTree(from, to, opts, rel ? `${rel}/${e.name}` : e.name);
    else if (e.isFile()) {
      copyFileSync(from, to);
      if (sync) fsyncFile(to);
    } else throw new InfraError(`cannot cache ${from}: only plain files and directories are supported`);
  }
  if (sync) fsyncFile(dst);
}

function fsyncFile(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
