// MongoDB from this machine: a real `mongod` when installed, else FerretDB (the MongoDB wire protocol over SQLite).
// FerretDB runs the same drivers and queries but is not MongoDB's storage engine, so the server string always says
// which one ran ("FerretDB 1.24.2 (SQLite)" vs "MongoDB 7.0.14") and reports never compare the two silently.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { MongoClient } from 'mongodb';
import { InfraError } from '../../core/errors.ts';
import { freePort, waitFor } from '../../core/net.ts';
import { spawnManaged, type Managed } from '../process.ts';
import { findExecutable, isExecutable, untilExit } from './redis.ts';

export type MongoKind = 'mongod' | 'ferretdb';

export interface RunningMongo {
  url: string;
  version: string;
  proc: Managed;
  kind: MongoKind;
}

export interface MongoBinary {
  path: string;
  kind: MongoKind;
}

// FerretDB 2.x dropped the SQLite handler (it needs PostgreSQL with DocumentDB), hence the pinned 1.x line.
export const MONGO_NOT_FOUND =
  'neither mongod nor ferretdb found on PATH (install FerretDB 1.24 — the .deb or binary from ' +
  'https://github.com/FerretDB/FerretDB/releases/tag/v1.24.2 — or MongoDB Community Server for mongod)';

/** The explicit binary if given (its kind detected), else `mongod`, else `ferretdb` on PATH; null when none. */
export function findMongoBinary(binary?: string): MongoBinary | null {
  if (binary) return isExecutable(binary) ? { path: binary, kind: kindOf(binary) } : null;
  const mongod = findExecutable('mongod');
  if (mongod) return { path: mongod, kind: 'mongod' };
  const ferret = findExecutable('ferretdb');
  return ferret ? { path: ferret, kind: 'ferretdb' } : null;
}

/** By name when it says; else by `--version` output ("db version v7…" is mongod, "version: v1…" is FerretDB). */
function kindOf(path: string): MongoKind {
  const name = basename(path).toLowerCase();
  if (name.includes('ferretdb')) return 'ferretdb';
  if (name.includes('mongod')) return 'mongod';
  let out: string;
  try {
    out = execFileSync(path, ['--version'], { timeout: 10_000, stdio: ['ignore', 'pipe', 'pipe'] }).toString();
  } catch (e) {
    throw new InfraError(`could not tell whether ${path} is mongod or ferretdb: ${(e as Error).message}`);
  }
  if (/^db version v/m.test(out)) return 'mongod';
  if (/^version: v/m.test(out)) return 'ferretdb';
  throw new InfraError(`${path} is neither mongod nor ferretdb (--version said: ${out.trim().split('\n')[0] ?? ''})`);
}

export async function startMongo(root: string, binary?: string): Promise<RunningMongo> {
  const bin = findMongoBinary(binary);
  if (!bin) throw new InfraError(binary ? `mongod/ferretdb not found or not executable at ${binary}` : MONGO_NOT_FOUND);
  const port = await freePort();
  const args = bin.kind === 'ferretdb' ? ferretdbArgs(root, port) : mongodArgs(root, port);
  const proc = spawnManaged(bin.kind, bin.path, args, { logFile: join(root, `${bin.kind}.log`), stopSignal: 'SIGTERM' });
  const url = `mongodb://127.0.0.1:${port}/accessbench`;
  try {
    const version = await untilExit(proc, waitForMongo(proc, url, bin.kind));
    return { url, version, proc, kind: bin.kind };
  } catch (e) {
    await proc.stop();
    throw e instanceof InfraError ? e : new InfraError(`${bin.kind} failed to start: ${(e as Error).message}`);
  }
}

/**
 * SQLite handler: one file per database in a private directory (the URL must name a directory and end with '/').
 * The state dir is set too, or FerretDB writes state.json into the current directory.
 */
function ferretdbArgs(root: string, port: number): string[] {
  const dir = join(root, 'ferretdb');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return [
    '--handler=sqlite',
    `--sqlite-url=file:${dir}/`,
    `--state-dir=${dir}`,
    `--listen-addr=127.0.0.1:${port}`,
    '--debug-addr=-', // no metrics/pprof listener on a fixed port (8088) that parallel runs would fight over
    '--telemetry=disable',
    '--log-level=warn',
  ];
}

function mongodArgs(root: string, port: number): string[] {
  const dir = join(root, 'mongod');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return ['--dbpath', dir, '--bind_ip', '127.0.0.1', '--port', String(port), '--quiet'];
}

/** Polls until `ping` succeeds, then names the server from buildInfo. */
async function waitForMongo(proc: Managed, url: string, kind: MongoKind): Promise<string> {
  let version = '';
  await waitFor(
    `${kind} to answer ping`,
    async () => {
      if (!proc.isRunning()) return true; // untilExit has already reported the exit; stop polling
      const client = new MongoClient(url, { serverSelectionTimeoutMS: 1000, connectTimeoutMS: 1000, directConnection: true });
      try {
        await client.connect();
        const admin = client.db('admin');
        await admin.command({ ping: 1 });
        version = describeServer(await admin.command({ buildInfo: 1 }));
        return true;
      } finally {
        await client.close().catch(() => {});
      }
    },
    30_000,
    200,
  );
  return version;
}

/** FerretDB answers buildInfo with a MongoDB-compatible `version` plus its own `ferretdbVersion` ("v1.24.2"). */
export function describeServer(info: Record<string, unknown>): string {
  const ferret = info['ferretdbVersion'];
  if (typeof ferret === 'string') return `FerretDB ${ferret.replace(/^v/, '')} (SQLite)`;
  return `MongoDB ${String(info['version'] ?? 'unknown')}`;
}
