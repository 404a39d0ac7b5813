// Timing (after the cold requests, timed when each server started: src/runner/cold.ts): warmup, then rounds of trials interleaved across
// strategies (the order rotating each round) so that drift of a shared machine hits all strategies alike. Rounds go on
// past the profile's minimum until every contender's req/s interval is within the precision target, or the round or
// time limit is reached. A trial during which other processes used the cores (from /proc) is set aside and repeated.
// The harness ceiling (a no-op route through the same server stack) takes part in the rounds as one more contender.
import pg from 'pg';
import { checkInterrupted } from '../core/lifecycle.ts';
import type { DatasetInfo } from '../core/dataset.ts';
import type { Scenario } from '../core/scenario.ts';
import type { LoadLevel, Result } from '../results/schema.ts';
import { runTrial } from '../load/trial.ts';
import { fixedStream, requestStream, writeStream } from '../load/stream.ts';
import { runPacedWriter } from '../load/writer.ts';
import { describeWriteLoad, writeLoadOf, writes as writesAtAll, writesPerTrial } from './write-load.ts';
import { findSustainableRate } from '../load/rate.ts';
import { serverMetrics } from './server-metrics.ts';
import type { Profile } from './profiles.ts';
import { safeMetrics, type Runner } from './trial-run.ts';
import { dbCeilingLevel } from './db-ceiling-level.ts';
import type { Contender, MeasureEnv, Measured, ScenarioMeasurement, Step } from './contender.ts';
import { timedRounds, trialAmounts } from './rounds.ts';
import { warmUntilSteady, type WarmupOutcome } from './warmup.ts';
import { allCores, descendants, pin, splitCores } from '../infra/placement.ts';

/** Writes a mixed-load trial is sized to expect at least (10: a write p50 and a WAL per write worth reading). */
const MIN_WRITES_PER_TRIAL = 10;

/**
 * The load generator (this process) on core 0, every server of the run on the others. Returns what undoes the
 * load generator's pin: servers, pgbench and the next scenario's processes are started by this process and would
 * inherit it.
 */
function place(contenders: Contender[], env: MeasureEnv): () => void {
  const cores = splitCores();
  if (!cores) {
    env.log('placement: one core only, nothing to split');
    return () => {};
  }
  const pids = new Set<number>();
  for (const c of contenders) pids.add(c.server.pid);
  for (const e of Object.values(env.infra?.endpoints ?? {})) if (e?.pid) pids.add(e.pid);
  const problems: string[] = [];
  for (const pid of [...pids]) for (const p of [pid, ...descendants(pid)]) problems.push(pin(p, cores.servers) ?? '');
  problems.push(pin(process.pid, cores.load) ?? '');
  const failed = problems.filter(Boolean);
  env.log(
    `placement: load generator on core ${cores.load}, ${pids.size} servers on ${cores.servers}` +
      (failed.length ? ` (${failed.length} not pinned: ${failed[0]})` : '') +
      (Object.values(env.infra?.endpoints ?? {}).some((e) => e && e.pid === undefined)
        ? '; containers and external servers are not pinned'
        : ''),
  );
  return () => {
    const problem = pin(process.pid, allCores());
    if (problem) env.log(`placement: the load generator keeps core ${cores.load} (${problem})`);
  };
}

export async function measureScenario(scenario: Scenario, contenders: Contender[], env: MeasureEnv): Promise<ScenarioMeasurement> {
  const { info, profile, seed, log, step } = env;
  const out: ScenarioMeasurement = { strategies: new Map(), ceiling: [], dbCeiling: [], fanout: [] };
  const first = contenders[0];
  if (!first) return out;
  const wl = writeLoadOf(scenario, profile);
  for (const c of contenders)
    out.strategies.set(c.strategy.name, { levels: [], degraded: null, cold: env.cold?.get(c.strategy.name) ?? null, rate: null });
  // Pools on each strategy's own primary database, for the stale-read probe (mixed loads only).
  const probePools = new Map<string, pg.Pool>();
  if (writesAtAll(wl)) {
    for (const c of contenders) {
      if (c.endpoints.postgres && c.strategy.needs.includes('postgres')) {
        const p = new pg.Pool({ connectionString: c.endpoints.postgres.url, max: 2 });
        p.on('error', () => {});
        probePools.set(c.strategy.name, p);
      }
    }
  }
  // The connection-count sampler's own pool on the primary (2 connections, named apart from every strategy's).
  const pgUrl0 = first.endpoints.postgres?.url;
  const activityPool =
    scenario.sampleConnections && pgUrl0
      ? new pg.Pool({ connectionString: pgUrl0, max: 2, application_name: 'accessbench:sampler' })
      : undefined;
  activityPool?.on('error', () => {});
  const unplace = profile.placement === 'split' ? place(contenders, env) : () => {};
  // No harness ceiling beside paced writes: what those scenarios show is counted per write, not a share of the ceiling.
  const ceiling = profile.ceiling && wl.rate === 0;
  const runners: Runner[] = [
    ...contenders.map((c) => ({ label: c.strategy.name, server: c.server, contender: c })),
    ...(ceiling ? [{ label: '(ceiling)', server: first.server, contender: null }] : []),
  ];
  // `ab` and `calibrate` time groups (a strategy's base and head, each with its server processes): say both counts.
  const groups = env.groupOf ? new Set(contenders.map((c) => env.groupOf?.(c.strategy.name))).size : contenders.length;
  const what = groups === contenders.length ? `${groups} strategies` : `${groups} strategies on ${contenders.length} servers`;
  log(
    `${scenario.name}: timing ${what}${ceiling ? ' and the ceiling' : ''} — ` +
      `${profile.trials}–${profile.maxTrials} interleaved trials of ${profile.trialSec}s at ${(scenario.connections ? [scenario.connections] : profile.connections).join('/')} connections ` +
      `until ±${(profile.precision * 100).toFixed(0)} %` +
      (writesAtAll(wl) ? `, ${describeWriteLoad(wl)}` : ''),
  );
  try {
    // A scenario that fixes its own concurrency (pooling: above every pool it compares) is measured at that one only.
    for (const connections of scenario.connections ? [scenario.connections] : profile.connections) {
      const warmups = new Map<string, WarmupOutcome>();
      for (const r of runners) {
        checkInterrupted();
        const next = r.contender
          ? requestStream(scenario, info, seed + 1, { writeRatio: wl.ratio, writeTarget: wl.target, wire: r.contender.strategy.wire })
          : () => ({ method: 'GET' as const, path: '/__ab/noop' });
        const writes = r.contender && wl.rate > 0 ? writeStream(scenario, info, seed + 3, { writeTarget: wl.target }) : null;
        // Paced writes warm up beside the reads, so that the trials' amounts are sized under the writes they will meet.
        const alongside = writes
          ? (sec: number) => runPacedWriter({ baseUrl: r.server.baseUrl, rate: wl.rate, count: writesPerTrial(wl, sec), next: writes })
          : undefined;
        // The ceiling's no-op route shares a strategy's server, whose CPU that strategy's warmup has settled.
        const w = await step(
          warmUntilSteady(
            r.server,
            connections,
            next,
            {
              minSec: profile.warmupSec,
              maxSec: Math.max(profile.warmupSec, profile.warmup.maxSec),
              chunkSec: Math.min(profile.warmup.chunkSec, profile.warmupSec),
            },
            { measureCpu: !!r.contender, alongside },
          ),
        );
        const costs = w.cpuMicrosPerRequest;
        log(
          `${scenario.name}/${r.label}: warmup ${w.sec.toFixed(1)}s at ${connections} connections` +
            (costs.length > 1
              ? `, app CPU/request ${costs[0]?.toFixed(0)} → ${costs.at(-1)?.toFixed(0)} µs${w.steady ? ' (steady)' : ' (still falling at the limit)'}`
              : ''),
        );
        warmups.set(r.label, w);
      }
      const amounts = trialAmounts(runners, new Map([...warmups].map(([label, w]) => [label, w.rps])), connections, env);
      // Under a mixed load a trial must carry writes to say anything about them (latency, WAL per write): a slow
      // contender's trial, sized from its rate alone, may replay too short a prefix of the list to hold any.
      if (wl.ratio > 0) for (const [k, v] of amounts) amounts.set(k, Math.max(v, Math.ceil(MIN_WRITES_PER_TRIAL / wl.ratio)));
      // The database alone, driven with the reference statement at the same concurrency, in the first rounds.
      const pgUrl = first.endpoints.postgres?.url;
      const db =
        profile.ceiling && pgUrl
          ? dbCeilingLevel({ scenario, info, seed, postgresUrl: pgUrl, connections, durationSec: profile.trialSec, log })
          : null;
      const beforeRound = async (t: number): Promise<void> => {
        if (db && t < profile.dbCeilingRounds) await step(db.trial());
      };
      const levels = await timedRounds(scenario, runners, connections, {
        ...env,
        writes: wl,
        probePools,
        activityPool,
        out,
        amounts,
        beforeRound,
        busy: [],
      });
      const dbc = db?.result();
      if (dbc) out.dbCeiling.push(dbc);
      for (const r of runners) {
        const level = levels.get(r.label) as LoadLevel;
        const w = warmups.get(r.label);
        if (w) level.warmup = { sec: w.sec, steady: w.steady, cpuMicrosPerRequest: w.cpuMicrosPerRequest };
        if (r.contender) (out.strategies.get(r.label) as Measured).levels.push(level);
        else out.ceiling.push({ scenario: scenario.name, connections, rps: level.summary.rps, latencyUs: level.summary.latencyUs });
      }
    }
    if (scenario.fanout && profile.fanoutSec > 0 && (scenario.fanoutMain || !profile.fanoutOnlyMain))
      out.fanout = await measureFanout(scenario, contenders, info, profile, log, step);
    if (profile.rate && !writesAtAll(wl)) {
      // One strategy at a time (a search cannot be interleaved); each ends with its own cool-down.
      for (const c of contenders) {
        checkInterrupted();
        const r = await step(
          findSustainableRate({
            baseUrl: c.server.baseUrl,
            next: requestStream(scenario, info, seed + 99, { wire: c.strategy.wire }),
            ...profile.rate,
            log: (line) => log(`${scenario.name}/${c.strategy.name}: ${line}`),
          }),
        );
        (out.strategies.get(c.strategy.name) as Measured).rate = { targetP99Ms: profile.rate.targetP99Ms, ...r };
        log(`${scenario.name}/${c.strategy.name}: sustains ${r.sustainedRps} req/s with corrected p99 ≤ ${profile.rate.targetP99Ms} ms`);
      }
    }
  } finally {
    unplace();
    for (const p of probePools.values()) await p.end().catch(() => {});
    await activityPool?.end().catch(() => {});
  }
  return out;
}

/** The N+1 curve (or feed-pages' depth curve): a short single-connection trial per point and strategy, interleaved by point. */
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
        runTrial({
          baseUrl: c.server.baseUrl,
          connections,
          durationSec: profile.fanoutSec,
          next: fixedStream(scenario, point.params, c.strategy.wire),
        }),
      );
      const after = await safeMetrics(c.server, true);
      const q = before && after ? serverMetrics(before, after).queriesPerRequest : NaN;
      out.push({
        scenario: scenario.name,
        strategy: c.strategy.name,
        comments: point.n,
        ...(scenario.fanoutAxis && scenario.fanoutAxis !== 'comments' ? { axis: scenario.fanoutAxis } : {}),
        rps: r.rps,
        p50Us: r.latencyUs.p50,
        p99Us: r.latencyUs.p99,
        queriesPerRequest: q,
      });
      log(
        `${scenario.name}/${c.strategy.name}: ${scenario.fanoutAxis ?? 'fan-out'} ${point.n} — ${r.rps.toFixed(0)} req/s, p99 ${(r.latencyUs.p99 / 1000).toFixed(2)} ms, ${q.toFixed(1)} queries/req`,
      );
    }
  }
  return out;
}
