// Timing: cold requests first, then warmup, then trials round-robin across strategies (the order rotating each
// round) so that drift of a shared machine hits all strategies alike. The harness ceiling (a no-op route through the
// same server stack) takes part in the round-robin as one more contender. Server-side counters are read before and
// after each trial; under a mixed load, reads and writes are timed apart and reads are re-checked for staleness.
import pg from 'pg';
import { checkInterrupted } from '../core/lifecycle.ts';
import type { DatasetInfo } from '../core/dataset.ts';
import type { Endpoints } from '../core/infra.ts';
import type { RawParams, Scenario, Strategy } from '../core/scenario.ts';
import type { LoadLevel, Result, Trial } from '../results/schema.ts';
import type { StrategyServer } from '../server/spawn.ts';
import type { MetricsSnapshot } from '../server/main.ts';
import { runTrial, type RequestSpec } from '../load/trial.ts';
import { fixedStream, requestStream } from '../load/stream.ts';
import { findSustainableRate } from '../load/rate.ts';
import { createLatencyHistogram, percentiles, recordMs } from '../stats/hdr.ts';
import type { VerifyOutcome } from '../verify/verify.ts';
import { probeStaleness, sampleReplicaLag } from './probes.ts';
import { serverMetrics } from './server-metrics.ts';
import { summarizeLevel } from './summarize.ts';
import type { Profile } from './profiles.ts';

export interface Contender {
  strategy: Strategy;
  server: StrategyServer;
  verify: VerifyOutcome;
  /** The endpoints this strategy's server uses (its own databases under a mixed load). */
  endpoints: Endpoints;
}

export interface Measured {
  levels: LoadLevel[];
  degraded: string | null;
  cold: { requests: number; latencyUs: Trial['latencyUs'] } | null;
  rate: RateOutcome | null;
}

type RateOutcome = Extract<Result['scenarios'][number]['strategies'][number], { status: 'completed' }>['rate'];

export interface ScenarioMeasurement {
  strategies: Map<string, Measured>;
  ceiling: Result['ceiling'];
  fanout: Result['fanout'];
}

type Step = <T>(p: Promise<T>) => Promise<T>;

async function safeMetrics(server: StrategyServer, reset: boolean): Promise<MetricsSnapshot | null> {
  try {
    return await server.metrics(reset);
  } catch {
    return null;
  }
}

/** The first requests after start, one at a time: empty caches, cold pools, unprepared statements. */
async function coldRequests(c: Contender, next: () => RequestSpec, n: number): Promise<Measured['cold']> {
  if (n <= 0) return null;
  const h = createLatencyHistogram();
  for (let i = 0; i < n; i++) {
    const spec = next();
    const t0 = performance.now();
    try {
      const r = await fetch(c.server.baseUrl + spec.path, {
        method: spec.method,
        body: spec.body,
        headers: spec.body ? { 'content-type': 'application/json' } : {},
      });
      await r.arrayBuffer();
    } catch {
      /* counted by the trials' error figures; here only latency matters */
    }
    recordMs(h, performance.now() - t0);
  }
  return { requests: n, latencyUs: percentiles(h) };
}

interface Runner {
  label: string;
  server: StrategyServer;
  contender: Contender | null;
}

export async function measureScenario(
  scenario: Scenario,
  contenders: Contender[],
  info: DatasetInfo,
  profile: Profile,
  seed: number,
  log: (line: string) => void,
  step: Step,
): Promise<ScenarioMeasurement> {
  const out: ScenarioMeasurement = { strategies: new Map(), ceiling: [], fanout: [] };
  const first = contenders[0];
  if (!first) return out;
  const writeRatio = scenario.mix && scenario.writes ? (profile.writeRatio ?? scenario.mix.writeRatio) : 0;
  for (const c of contenders) {
    checkInterrupted();
    const cold = await step(coldRequests(c, requestStream(scenario, info, seed ^ 0xc01d), profile.coldRequests));
    out.strategies.set(c.strategy.name, { levels: [], degraded: null, cold, rate: null });
  }
  // Pools on each strategy's own primary database, for the stale-read probe (mixed loads only).
  const probePools = new Map<string, pg.Pool>();
  if (writeRatio > 0) {
    for (const c of contenders) {
      if (c.endpoints.postgres && c.strategy.needs.includes('postgres')) {
        const p = new pg.Pool({ connectionString: c.endpoints.postgres.url, max: 2 });
        p.on('error', () => {});
        probePools.set(c.strategy.name, p);
      }
    }
  }
  const runners: Runner[] = [
    ...contenders.map((c) => ({ label: c.strategy.name, server: c.server, contender: c })),
    ...(profile.ceiling ? [{ label: '(ceiling)', server: first.server, contender: null }] : []),
  ];
  log(
    `${scenario.name}: timing ${contenders.length} strategies${profile.ceiling ? ' and the ceiling' : ''} — ` +
      `${profile.trials} interleaved trials of ${profile.trialSec}s at ${profile.connections.join('/')} connections` +
      (writeRatio > 0 ? `, ${Math.round(writeRatio * 100)} % writes` : ''),
  );
  try {
    for (const connections of profile.connections) {
      for (const r of runners) {
        checkInterrupted();
        log(`${scenario.name}/${r.label}: warmup ${profile.warmupSec}s at ${connections} connections`);
        const next = r.contender
          ? requestStream(scenario, info, seed, { writeRatio })
          : () => ({ method: 'GET' as const, path: '/__ab/noop' });
        await step(runTrial({ baseUrl: r.server.baseUrl, connections, durationSec: profile.warmupSec, next }));
      }
      const trials = new Map<string, Trial[]>(runners.map((r) => [r.label, []]));
      for (let t = 0; t < profile.trials; t++) {
        const order = runners.map((_, i) => runners[(i + t) % runners.length] as Runner);
        for (const r of order) {
          checkInterrupted();
          const trial = await step(
            runOneTrial(scenario, r, connections, t, { info, profile, seed, writeRatio, probePool: probePools.get(r.label) }),
          );
          (trials.get(r.label) as Trial[]).push(trial);
          const m = r.contender ? out.strategies.get(r.label) : undefined;
          // No response at all is a failure too: requests stuck on a dead backend (a client reconnecting with backoff)
          // are still in flight when the trial ends, and autocannon counts them as neither errors nor timeouts.
          const failed = trial.errors + trial.non2xx + trial.timeouts;
          if (m && (failed > 0 || trial.requests === 0) && !m.degraded) {
            const what = failed === 0 ? 'no response' : `${trial.errors} errors, ${trial.non2xx} non-2xx, ${trial.timeouts} timeouts`;
            m.degraded = `${what} in trial ${t + 1}${r.server.isRunning() ? '' : ' (server process died)'}`;
          }
          log(
            `${scenario.name}/${r.label}: trial ${t + 1}/${profile.trials} — ${trial.rps.toFixed(0)} req/s, p99 ${(trial.latencyUs.p99 / 1000).toFixed(2)} ms` +
              (trial.server && r.contender ? `, ${trial.server.queriesPerRequest.toFixed(1)} queries/req` : '') +
              (trial.mixed ? `, ${trial.mixed.staleReads}/${trial.mixed.staleChecks} stale` : ''),
          );
        }
      }
      for (const r of runners) {
        const level = summarizeLevel(connections, trials.get(r.label) as Trial[]);
        if (r.contender) (out.strategies.get(r.label) as Measured).levels.push(level);
        else out.ceiling.push({ scenario: scenario.name, connections, rps: level.summary.rps, latencyUs: level.summary.latencyUs });
      }
    }
    if (scenario.fanout && profile.fanoutSec > 0) out.fanout = await measureFanout(scenario, contenders, info, profile, log, step);
    if (profile.rate && writeRatio === 0) {
      // One strategy at a time (a search cannot be interleaved); each ends with its own cool-down.
      for (const c of contenders) {
        checkInterrupted();
        const r = await step(
          findSustainableRate({
            baseUrl: c.server.baseUrl,
            next: requestStream(scenario, info, seed + 99),
            ...profile.rate,
            log: (line) => log(`${scenario.name}/${c.strategy.name}: ${line}`),
          }),
        );
        (out.strategies.get(c.strategy.name) as Measured).rate = { targetP99Ms: profile.rate.targetP99Ms, ...r };
        log(`${scenario.name}/${c.strategy.name}: sustains ${r.sustainedRps} req/s with corrected p99 ≤ ${profile.rate.targetP99Ms} ms`);
      }
    }
  } finally {
    for (const p of probePools.values()) await p.end().catch(() => {});
  }
  return out;
}

async function runOneTrial(
  scenario: Scenario,
  r: Runner,
  connections: number,
  index: number,
  o: { info: DatasetInfo; profile: Profile; seed: number; writeRatio: number; probePool: pg.Pool | undefined },
): Promise<Trial> {
  const mixed = r.contender !== null && o.writeRatio > 0;
  const recent: RawParams[] = [];
  const next = r.contender
    ? requestStream(scenario, o.info, o.seed + 1 + index, {
        writeRatio: o.writeRatio,
        onWrite: (p) => {
          recent.push(p);
          if (recent.length > 64) recent.shift();
        },
      })
    : () => ({ method: 'GET' as const, path: '/__ab/noop' });
  const reads = createLatencyHistogram();
  const writes = createLatencyHistogram();
  let nReads = 0;
  let nWrites = 0;
  const before = await safeMetrics(r.server, true);
  const load = runTrial({
    baseUrl: r.server.baseUrl,
    connections,
    durationSec: o.profile.trialSec,
    next,
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
  const usesReplica = r.contender?.strategy.needs.includes('replica') ?? false;
  const lag = usesReplica
    ? sampleReplicaLag(
        r.contender!.endpoints,
        load.catch(() => {}),
      )
    : Promise.resolve(null);
  const stale =
    mixed && o.probePool
      ? probeStaleness({ scenario, baseUrl: r.server.baseUrl, ctx: { pg: o.probePool }, recent, until: load.catch(() => {}) })
      : Promise.resolve({ checks: 0, stale: 0 });
  const outcome = await load;
  const after = await safeMetrics(r.server, true);
  const [lagSummary, staleCount] = await Promise.all([lag, stale]);
  return {
    index,
    ...outcome,
    server: before && after ? serverMetrics(before, after) : null,
    mixed: mixed
      ? {
          reads: nReads,
          writes: nWrites,
          readLatencyUs: percentiles(reads),
          writeLatencyUs: percentiles(writes),
          rowsWrittenPerWrite: before && after && nWrites > 0 ? (after.rowsWritten - before.rowsWritten) / nWrites : 0,
          staleChecks: staleCount.checks,
          staleReads: staleCount.stale,
        }
      : null,
    replicaLag: lagSummary,
  };
}

/** The N+1 curve: a short single-connection trial per fan-out point and strategy, interleaved by point. */
async function measureFanout(
  scenario: Scenario,
  contenders: Contender[],
  info: DatasetInfo,
  profile: Profile,
  log: (line: string) => void,
  step: Step,
): Promise<Result['fanout']> {
  const out: Result['fanout'] = [];
  // One connection: the curve is the latency of one request as its fan-out grows, free of queueing (at 16
  // connections a 500-comment N+1 request waits for pool slots so long that none completes in a short trial).
  const connections = 1;
  for (const point of scenario.fanout?.(info) ?? []) {
    for (const c of contenders) {
      checkInterrupted();
      const before = await safeMetrics(c.server, true);
      const r = await step(
        runTrial({ baseUrl: c.server.baseUrl, connections, durationSec: profile.fanoutSec, next: fixedStream(scenario, point.params) }),
      );
      const after = await safeMetrics(c.server, true);
      const q = before && after ? serverMetrics(before, after).queriesPerRequest : NaN;
      out.push({
        scenario: scenario.name,
        strategy: c.strategy.name,
        comments: point.n,
        rps: r.rps,
        p50Us: r.latencyUs.p50,
        p99Us: r.latencyUs.p99,
        queriesPerRequest: q,
      });
      log(
        `${scenario.name}/${c.strategy.name}: fan-out ${point.n} — ${r.rps.toFixed(0)} req/s, p99 ${(r.latencyUs.p99 / 1000).toFixed(2)} ms, ${q.toFixed(1)} queries/req`,
      );
    }
  }
  return out;
}
