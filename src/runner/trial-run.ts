// One timed trial of one contender, with everything read around it: the strategy server's counters, the CPU of the
// database and cache servers and of the load generator, what else the machine did meanwhile (a trial that shared the
// cores with other work is repeated, see rounds.ts), and under a mixed load reads and writes apart, stale reads and
// replica lag.
import type pg from 'pg';
import type { DatasetInfo } from '../core/dataset.ts';
import type { Endpoints, StartedInfra } from '../core/infra.ts';
import type { Need, RawParams, Scenario } from '../core/scenario.ts';
import { machineCores } from '../infra/placement.ts';
import { disturbance, sampleHost, type Disturbance, type HostSample } from '../infra/host-cpu.ts';
import { runTrial, type RequestSpec } from '../load/trial.ts';
import { requestStream, writeStream } from '../load/stream.ts';
import { runPacedWriter, type PacedOutcome } from '../load/writer.ts';
import type { ServerMetrics, Trial } from '../results/schema.ts';
import type { MetricsSnapshot } from '../server/main.ts';
import type { StrategyServer } from '../server/spawn.ts';
import { createLatencyHistogram, percentiles, recordMs } from '../stats/hdr.ts';
import { probeStaleness, sampleReplicaLag, walPosition, writeKey } from './probes.ts';
import { serverMetrics } from './server-metrics.ts';
import type { Contender } from './contender.ts';
import { writes as writesAtAll, writesPerTrial, type WriteLoad } from './write-load.ts';
import { sampleConnections } from './connection-sampler.ts';
import { connectionName } from '../server/context.ts';

/** The backends whose CPU counts as the database's (PgBouncer with the database it fronts), and the cache's. */
const DB_NEEDS: readonly Need[] = ['postgres', 'replica', 'mongo', 'pgbouncer'];
const CACHE_NEEDS: readonly Need[] = ['redis', 'memcached'];

export interface Runner {
  label: string;
  server: StrategyServer;
  contender: Contender | null;
}

export interface TrialEnv {
  info: DatasetInfo;
  seed: number;
  trialSec: number;
  /** Requests in the trial (the first `amount` of the replayed list). */
  amount: number;
  writes: WriteLoad;
  probePool: pg.Pool | undefined;
  activityPool?: pg.Pool;
  infra?: Pick<StartedInfra, 'endpoints' | 'cpuMicros'>;
}

export async function safeMetrics(server: StrategyServer, reset: boolean): Promise<MetricsSnapshot | null> {
  try {
    return await server.metrics(reset);
  } catch {
    return null;
  }
}

interface CpuReading {
  host: HostSample | null;
  db: number | null;
  cache: number | null;
  loadMicros: number;
}

async function sumCpu(infra: TrialEnv['infra'], needs: readonly Need[]): Promise<number | null> {
  if (!infra?.cpuMicros) return null;
  let sum: number | null = null;
  for (const n of needs) {
    if (!infra.endpoints[n]) continue;
    const v = await infra.cpuMicros(n).catch(() => null);
    if (v !== null) sum = (sum ?? 0) + v;
  }
  return sum;
}

/** The cache servers whose CPU a trial charges: the ones the strategy uses, so an idle Redis does not count against Memcached. */
function cacheNeedsOf(r: Runner): readonly Need[] {
  const own = CACHE_NEEDS.filter((n) => r.contender?.strategy.needs.includes(n));
  return own.length > 0 ? own : CACHE_NEEDS;
}

async function readCpu(infra: TrialEnv['infra'], cacheNeeds: readonly Need[] = CACHE_NEEDS): Promise<CpuReading> {
  const [db, cache] = [await sumCpu(infra, DB_NEEDS), await sumCpu(infra, cacheNeeds)];
  // Servers that are not this process's descendants (containers) are the run's work too.
  const outside = Object.entries(infra?.endpoints ?? {}).filter(([, e]) => e && e.pid === undefined);
  const outsideMicros =
    outside.length > 0
      ? ((await sumCpu(
          infra,
          outside.map(([n]) => n as Need),
        )) ?? 0)
      : 0;
  const u = process.cpuUsage();
  return { host: sampleHost(outsideMicros), db, cache, loadMicros: u.user + u.system };
}

const perRequest = (a: number | null, b: number | null, requests: number): number | null =>
  a === null || b === null ? null : Math.max(0, b - a) / Math.max(1, requests);

/** Remembers a write's params (the stale-read probe checks recent ones) and when it was sent (the stale reads' age). */
const remember =
  (recent: RawParams[], writtenAt: Map<string, number>) =>
  (p: RawParams): void => {
    recent.push(p);
    if (recent.length > 64) recent.shift();
    // Re-inserted, so the map's order is the writes' order and the oldest entry goes first.
    writtenAt.delete(writeKey(p));
    writtenAt.set(writeKey(p), performance.now());
    if (writtenAt.size > 256) writtenAt.delete(writtenAt.keys().next().value as string);
  };

function streamFor(scenario: Scenario, r: Runner, env: TrialEnv, recent: RawParams[], writtenAt: Map<string, number>): () => RequestSpec {
  if (!r.contender) return () => ({ method: 'GET', path: '/__ab/noop' });
  // Every trial replays the same request list from its start: trials of a strategy do the same work, so their
  // figures differ by the machine's noise only, not by which posts a trial happened to draw.
  return requestStream(scenario, env.info, env.seed + 1, {
    writeRatio: env.writes.ratio,
    writeTarget: env.writes.target,
    wire: r.contender.strategy.wire,
    onWrite: remember(recent, writtenAt),
  });
}

export interface TimedTrial {
  trial: Trial;
  disturbance: Disturbance | null;
}

export async function runOneTrial(scenario: Scenario, r: Runner, connections: number, index: number, env: TrialEnv): Promise<TimedTrial> {
  const mixed = r.contender !== null && writesAtAll(env.writes);
  const paced = mixed && env.writes.rate > 0;
  const recent: RawParams[] = [];
  const writtenAt = new Map<string, number>();
  const reads = createLatencyHistogram();
  const writes = createLatencyHistogram();
  let nReads = 0;
  let nWrites = 0;
  const before = await safeMetrics(r.server, true);
  const cpu0 = await readCpu(env.infra, cacheNeedsOf(r));
  // WAL written during the trial: the whole server's, but trials run one at a time on databases of their own.
  const wal0 = mixed && env.probePool ? await walPosition(env.probePool) : null;
  const load = runTrial({
    baseUrl: r.server.baseUrl,
    connections,
    amount: env.amount,
    // A bound, not the length: a trial that needs this long has met a stall (it ends with fewer requests, counted).
    durationSec: Math.max(10, env.trialSec * 5),
    next: streamFor(scenario, r, env, recent, writtenAt),
    onResponse: mixed
      ? (spec, _status, ms) => {
          if (spec.method === 'POST') {
            nWrites++;
            recordMs(writes, ms);
          } else {
            nReads++;
            recordMs(reads, ms);
          }
        }
      : undefined,
  });
  // Paced writes beside the reads (the same list in every trial, as the reads): the trial ends when both are done.
  const writer: Promise<PacedOutcome | null> = paced
    ? runPacedWriter({
        baseUrl: r.server.baseUrl,
        rate: env.writes.rate,
        count: writesPerTrial(env.writes, env.trialSec),
        next: writeStream(scenario, env.info, env.seed + 2, { writeTarget: env.writes.target, onWrite: remember(recent, writtenAt) }),
        onResponse: (_spec, _status, ms) => {
          nWrites++;
          recordMs(writes, ms);
        },
      })
    : Promise.resolve(null);
  const both = Promise.all([load, writer]);
  const endpoints: Endpoints | undefined = r.contender?.endpoints;
  const usesReplica = r.contender?.strategy.needs.includes('replica') ?? false;
  const lag =
    usesReplica && endpoints
      ? sampleReplicaLag(
          endpoints,
          both.catch(() => {}),
        )
      : Promise.resolve(null);
  const stale =
    mixed && env.probePool
      ? probeStaleness({ scenario, baseUrl: r.server.baseUrl, ctx: { pg: env.probePool }, recent, writtenAt, until: both.catch(() => {}) })
      : Promise.resolve({ checks: 0, stale: 0, agesMs: [] });
  const activity =
    r.contender && env.activityPool
      ? sampleConnections(
          env.activityPool,
          connectionName(r.contender.strategy),
          both.catch(() => {}),
        )
      : Promise.resolve(null);
  const [read, wrote] = await both;
  const wal1 = wal0 !== null && env.probePool ? await walPosition(env.probePool) : null;
  // Failed paced writes count as the trial's errors: a strategy whose writes fail is degraded like one whose reads do.
  const outcome = wrote ? { ...read, errors: read.errors + wrote.failed } : read;
  // CPU per request counts every request the servers answered, paced writes included (as the server's own counters do).
  const served = outcome.requests + (wrote?.sent ?? 0);
  const cpu1 = await readCpu(env.infra, cacheNeedsOf(r));
  const after = await safeMetrics(r.server, true);
  const [lagSummary, staleCount, connectionCount] = await Promise.all([lag, stale, activity]);
  const dist = cpu0.host && cpu1.host ? disturbance(cpu0.host, cpu1.host, machineCores()) : null;
  let server: ServerMetrics | null = before && after ? serverMetrics(before, after) : null;
  if (server) {
    server = {
      ...server,
      dbCpuMicrosPerRequest: perRequest(cpu0.db, cpu1.db, served),
      cacheCpuMicrosPerRequest: perRequest(cpu0.cache, cpu1.cache, served),
      loadCpuMicrosPerRequest: perRequest(cpu0.loadMicros, cpu1.loadMicros, served),
    };
  }
  const trial: Trial = {
    index,
    ...outcome,
    server,
    mixed: mixed
      ? {
          reads: nReads,
          writes: nWrites,
          readLatencyUs: percentiles(reads),
          writeLatencyUs: percentiles(writes),
          rowsWrittenPerWrite: before && after && nWrites > 0 ? (after.rowsWritten - before.rowsWritten) / nWrites : 0,
          staleChecks: staleCount.checks,
          staleReads: staleCount.stale,
          walBytes: wal0 !== null && wal1 !== null ? Number(wal1 - wal0) : null,
          staleAgesMs: staleCount.agesMs,
        }
      : null,
    replicaLag: lagSummary,
    ...(connectionCount ? { connections: connectionCount } : {}),
    host: dist ? { ...dist, repeats: 0 } : null,
  };
  return { trial, disturbance: dist };
}
