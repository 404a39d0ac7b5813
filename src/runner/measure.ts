// Timing (after the cold requests, timed when each server started: src/runner/cold.ts): warmup, then rounds of trials interleaved across
// strategies (the order rotating each round) so that drift of a shared machine hits all strategies alike. Rounds go on
// past the profile's minimum until every contender's req/s interval is within the precision target, or the round or
// time limit is reached. A trial during which other processes used the cores (from /proc) is set aside and repeated.
// The harness ceiling (a no-op route through the same server stack) takes part in the rounds as one more contender.
import pg from 'pg';
import { checkInterrupted } from '../core/lifecycle.ts';
import type { DatasetInfo } from '../core/dataset.ts';
import type { StartedInfra } from '../core/infra.ts';
import type { Scenario } from '../core/scenario.ts';
import type { LoadLevel, Result, Trial } from '../results/schema.ts';
import { runTrial } from '../load/trial.ts';
import { fixedStream, requestStream } from '../load/stream.ts';
import { findSustainableRate } from '../load/rate.ts';
import { medianCi, relativeHalfWidth } from '../stats/median-ci.ts';
import { serverMetrics } from './server-metrics.ts';
import { summarizeLevel } from './summarize.ts';
import type { Profile } from './profiles.ts';
import { runOneTrial, safeMetrics, type Runner, type TrialEnv } from './trial-run.ts';
import { dbCeilingLevel } from './db-ceiling-level.ts';
import type { Contender } from './contender.ts';
import { descendants, pin, splitCores } from '../infra/placement.ts';

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
  dbCeiling: Result['dbCeiling'];
  fanout: Result['fanout'];
}

type Step = <T>(p: Promise<T>) => Promise<T>;

export interface MeasureEnv {
  info: DatasetInfo;
  profile: Profile;
  seed: number;
  log: (line: string) => void;
  step: Step;
  /** The started infra: the CPU of database and cache servers per trial (where the provider can see it). */
  infra?: Pick<StartedInfra, 'endpoints' | 'cpuMicros'>;
  /** Each strategy's cold requests, timed when its server started (src/runner/cold.ts). */
  cold?: Map<string, Measured['cold']>;
  /** Called when a trial saw failures: throws (ending the run) when a backend every strategy needs has died. */
  checkBackends?: () => Promise<void>;
  /**
   * Runners with the same key form a group (`ab`: a strategy at base and at head): a group's trials run back to back
   * in every round, its order flipping each round, and it leaves the rounds together, once the ratio of its two
   * members' paired trials is known to the precision target.
   */
  groupOf?: (label: string) => string;
}

/** The load generator (this process) on core 0, every server of the run on the others. */
function place(contenders: Contender[], env: MeasureEnv): void {
  const cores = splitCores();
  if (!cores) return env.log('placement: one core only, nothing to split');
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
}

export async function measureScenario(scenario: Scenario, contenders: Contender[], env: MeasureEnv): Promise<ScenarioMeasurement> {
  const { info, profile, seed, log, step } = env;
  const out: ScenarioMeasurement = { strategies: new Map(), ceiling: [], dbCeiling: [], fanout: [] };
  const first = contenders[0];
  if (!first) return out;
  const writeRatio = scenario.mix && scenario.writes ? (profile.writeRatio ?? scenario.mix.writeRatio) : 0;
  for (const c of contenders)
    out.strategies.set(c.strategy.name, { levels: [], degraded: null, cold: env.cold?.get(c.strategy.name) ?? null, rate: null });
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
  if (profile.placement === 'split') place(contenders, env);
  const runners: Runner[] = [
    ...contenders.map((c) => ({ label: c.strategy.name, server: c.server, contender: c })),
    ...(profile.ceiling ? [{ label: '(ceiling)', server: first.server, contender: null }] : []),
  ];
  log(
    `${scenario.name}: timing ${contenders.length} strategies${profile.ceiling ? ' and the ceiling' : ''} — ` +
      `${profile.trials}–${profile.maxTrials} interleaved trials of ${profile.trialSec}s at ${profile.connections.join('/')} connections ` +
      `until ±${(profile.precision * 100).toFixed(0)} %` +
      (writeRatio > 0 ? `, ${Math.round(writeRatio * 100)} % writes` : ''),
  );
  try {
    for (const connections of profile.connections) {
      const warm = new Map<string, number>();
      for (const r of runners) {
        checkInterrupted();
        log(`${scenario.name}/${r.label}: warmup ${profile.warmupSec}s at ${connections} connections`);
        const next = r.contender
          ? requestStream(scenario, info, seed + 1, { writeRatio })
          : () => ({ method: 'GET' as const, path: '/__ab/noop' });
        const w = await step(runTrial({ baseUrl: r.server.baseUrl, connections, durationSec: profile.warmupSec, next }));
        warm.set(r.label, w.rps);
      }
      const amounts = trialAmounts(runners, warm, connections, env);
      // The database alone, driven with the reference statement at the same concurrency, in the first rounds.
      const pgUrl = first.endpoints.postgres?.url;
      const db =
        profile.ceiling && pgUrl
          ? dbCeilingLevel({ scenario, info, seed, postgresUrl: pgUrl, connections, durationSec: profile.trialSec, log })
          : null;
      const beforeRound = async (t: number): Promise<void> => {
        if (db && t < DB_CEILING_ROUNDS) await step(db.trial());
      };
      const levels = await timedRounds(scenario, runners, connections, {
        ...env,
        writeRatio,
        probePools,
        out,
        amounts,
        beforeRound,
        busy: [],
      });
      const dbc = db?.result();
      if (dbc) out.dbCeiling.push(dbc);
      for (const r of runners) {
        const level = levels.get(r.label) as LoadLevel;
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

interface RoundsEnv extends MeasureEnv {
  writeRatio: number;
  probePools: Map<string, pg.Pool>;
  out: ScenarioMeasurement;
  /** Requests per trial of each runner. */
  amounts: Map<string, number>;
  /** Run before each round's trials (the database ceiling's runs). */
  beforeRound?: (round: number) => Promise<void>;
  /** Whether each trial so far saw outside load, and whether the run said it stopped repeating them. */
  busy: boolean[];
  busyNoted?: boolean;
}

/** This many disturbed trials in a row, and the outside load is taken as the machine's state rather than a passing event. */
const BUSY_WINDOW = 6;

/** Rounds that start with a run of the database ceiling (its median is what the report shows). */
const DB_CEILING_ROUNDS = 3;

/**
 * Trials send a fixed number of requests (the same list each time), sized from the warmup's throughput to last about
 * trialSec. Members of a group get the same number, so a pair's trials do identical work. A strategy too slow to
 * answer one request per connection within trialSec (FerretDB's Mongo strategies at the tiny preset serve a few
 * requests a second) sends one request per connection: more would only make its trials longer, not more exact.
 */
function trialAmounts(runners: Runner[], warmRps: Map<string, number>, connections: number, env: MeasureEnv): Map<string, number> {
  const byGroup = new Map<string, number>();
  for (const r of runners) {
    const key = env.groupOf?.(r.label) ?? r.label;
    const rps = warmRps.get(r.label) ?? 0;
    byGroup.set(key, Math.min(byGroup.get(key) ?? Number.POSITIVE_INFINITY, rps));
  }
  return new Map(
    runners.map((r) => {
      const rps = byGroup.get(env.groupOf?.(r.label) ?? r.label) ?? 0;
      return [r.label, Math.max(connections, Math.round(rps * env.profile.trialSec))];
    }),
  );
}

type Group = Runner[];

/** Is this group's figure known to the precision target yet: one runner's req/s, or a pair's paired ratio? */
function precise(group: Group, trials: Map<string, Trial[]>, profile: Profile): boolean {
  const sets = group.map((r) => trials.get(r.label) as Trial[]);
  if (sets.some((ts) => ts.length < profile.trials)) return false;
  const [a, b] = sets;
  if (sets.length === 2 && a && b && a.length === b.length) {
    return relativeHalfWidth(medianCi(b.map((t, i) => t.rps / Math.max(1e-9, (a[i] as Trial).rps)))) <= profile.precision;
  }
  return sets.every((ts) => relativeHalfWidth(medianCi(ts.map((t) => t.rps))) <= profile.precision);
}

/**
 * Rounds of interleaved trials at one concurrency. A group leaves the rounds once its interval is narrow enough;
 * the rounds end when every group has, or at maxTrials rounds, or when the time budget is spent (but never before
 * every runner has its minimum number of trials).
 */
async function timedRounds(scenario: Scenario, runners: Runner[], connections: number, env: RoundsEnv): Promise<Map<string, LoadLevel>> {
  const { profile, log } = env;
  const trials = new Map<string, Trial[]>(runners.map((r) => [r.label, []]));
  const disturbed = new Map<string, Trial[]>(runners.map((r) => [r.label, []]));
  const groups = new Map<string, Group>();
  for (const r of runners) {
    const key = env.groupOf?.(r.label) ?? r.label;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const started = performance.now();
  for (let t = 0; t < profile.maxTrials; t++) {
    const spent = (performance.now() - started) / 1000;
    // A degraded strategy is never ranked: once it has failed, more trials of it only cost time.
    const degraded = (g: Group): boolean => g.some((r) => !!env.out.strategies.get(r.label)?.degraded);
    const pending = [...groups.values()].filter((g) => !precise(g, trials, profile) && !degraded(g));
    if (pending.length === 0) break;
    if (t >= profile.trials && spent >= profile.budgetSec) {
      const open = pending.flat().map((r) => r.label);
      log(
        `${scenario.name}: time budget of ${profile.budgetSec}s spent after ${t} rounds; not within ±${(profile.precision * 100).toFixed(0)} %: ${open.join(', ')}`,
      );
      break;
    }
    await env.beforeRound?.(t);
    const order = pending.map((_, i) => pending[(i + t) % pending.length] as Group).flatMap((g) => (t % 2 === 0 ? g : [...g].reverse()));
    for (const r of order) {
      checkInterrupted();
      const trial = await steadyTrial(scenario, r, connections, t, env, disturbed.get(r.label) as Trial[]);
      (trials.get(r.label) as Trial[]).push(trial);
      await noteFailures(r, trial, t, env);
      log(
        `${scenario.name}/${r.label}: trial ${t + 1} — ${trial.rps.toFixed(0)} req/s, p99 ${(trial.latencyUs.p99 / 1000).toFixed(2)} ms` +
          (trial.server && r.contender ? `, ${trial.server.queriesPerRequest.toFixed(1)} queries/req` : '') +
          (trial.mixed ? `, ${trial.mixed.staleReads}/${trial.mixed.staleChecks} stale` : '') +
          (trial.host && trial.host.repeats > 0 ? ` (repeated ${trial.host.repeats}× for outside load)` : ''),
      );
    }
  }
  return new Map(
    runners.map((r) => [
      r.label,
      summarizeLevel(connections, trials.get(r.label) as Trial[], profile.precision, disturbed.get(r.label) as Trial[]),
    ]),
  );
}

/** One trial, repeated (up to the profile's limit) while other processes were using the machine during it. */
async function steadyTrial(
  scenario: Scenario,
  r: Runner,
  connections: number,
  index: number,
  env: RoundsEnv,
  setAside: Trial[],
): Promise<Trial> {
  const { profile, step, log } = env;
  const trialEnv: TrialEnv = {
    info: env.info,
    seed: env.seed,
    trialSec: profile.trialSec,
    amount: env.amounts.get(r.label) ?? connections,
    writeRatio: env.writeRatio,
    probePool: env.probePools.get(r.label),
    infra: env.infra,
  };
  for (let repeats = 0; ; repeats++) {
    const { trial, disturbance: d } = await step(runOneTrial(scenario, r, connections, index, trialEnv));
    if (trial.host) trial.host.repeats = repeats;
    const busy = d !== null && (d.externalCores > profile.host.maxExternalCores || d.stealShare > profile.host.maxStealShare);
    env.busy.push(busy);
    // Repeating helps against a passing neighbour; when the machine has been busy for the last several trials the
    // load is its steady state, repeats would only triple the run, and the trials are kept (their host record says so).
    const steadyLoad = env.busy.length >= BUSY_WINDOW && env.busy.slice(-BUSY_WINDOW).every(Boolean);
    if (!busy || repeats >= profile.host.maxRepeats || steadyLoad || trial.errors + trial.non2xx + trial.timeouts > 0) {
      if (steadyLoad && !env.busyNoted) {
        env.busyNoted = true;
        log(
          `${scenario.name}: other processes kept the machine busy through ${BUSY_WINDOW} trials in a row; trials are no longer repeated`,
        );
      }
      return trial;
    }
    log(
      `${scenario.name}/${r.label}: trial ${index + 1} set aside — other processes used ${d.externalCores.toFixed(2)} cores` +
        (d.stealShare > 0.001 ? `, ${(d.stealShare * 100).toFixed(1)} % stolen` : '') +
        '; repeating it',
    );
    setAside.push(trial);
  }
}

/** A trial with failures marks its strategy degraded, and may mean a backend every strategy needs is gone. */
async function noteFailures(r: Runner, trial: Trial, t: number, env: RoundsEnv): Promise<void> {
  const m = r.contender ? env.out.strategies.get(r.label) : undefined;
  // No response at all is a failure too: requests stuck on a dead backend (a client reconnecting with backoff)
  // are still in flight when the trial ends, and autocannon counts them as neither errors nor timeouts.
  const failed = trial.errors + trial.non2xx + trial.timeouts;
  if (failed === 0 && trial.requests > 0) return;
  await env.checkBackends?.();
  if (m && !m.degraded) {
    const what = failed === 0 ? 'no response' : `${trial.errors} errors, ${trial.non2xx} non-2xx, ${trial.timeouts} timeouts`;
    m.degraded = `${what} in trial ${t + 1}${r.server.isRunning() ? '' : ' (server process died)'}`;
  }
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
