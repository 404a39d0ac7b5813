// Rounds of interleaved trials at one load level: each runner's fixed request count (from its warmup), the order
// rotating each round, groups (a pair in `ab`) leaving once their figure is within the precision target, trials
// disturbed by outside load set aside and repeated, and a trial's failures marking its strategy degraded.
import type pg from 'pg';
import { checkInterrupted } from '../core/lifecycle.ts';
import type { Scenario } from '../core/scenario.ts';
import type { LoadLevel, Trial } from '../results/schema.ts';
import { medianCi, relativeHalfWidth } from '../stats/median-ci.ts';
import { pairedRatioCi } from '../stats/paired-ratio.ts';
import { summarizeLevel } from './summarize.ts';
import type { Profile } from './profiles.ts';
import { runOneTrial, type Runner, type TrialEnv } from './trial-run.ts';
import type { MeasureEnv, ScenarioMeasurement } from './contender.ts';
import type { WriteLoad } from './write-load.ts';

export interface RoundsEnv extends MeasureEnv {
  writes: WriteLoad;
  probePools: Map<string, pg.Pool>;
  /** A pool on the primary for the connection-count sampler (scenarios that ask for it). */
  activityPool?: pg.Pool;
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

/**
 * Trials send a fixed number of requests (the same list each time), sized from the warmup's throughput to last about
 * trialSec. Members of a group get the same number, so a pair's trials do identical work. A strategy too slow to
 * answer one request per connection within trialSec (FerretDB's Mongo strategies at the tiny preset serve a few
 * requests a second) sends one request per connection: more would only make its trials longer, not more exact.
 */
export function trialAmounts(runners: Runner[], warmRps: Map<string, number>, connections: number, env: MeasureEnv): Map<string, number> {
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

/**
 * Is this group's figure known to the precision target yet: one runner's req/s, or a group of pairs' paired ratio
 * (`ab`: base and head, [b, h] or, with several processes a side, [b, h, b#2, h#2, …], each pair's trials paired)?
 */
function precise(group: Group, trials: Map<string, Trial[]>, profile: Profile): boolean {
  const sets = group.map((r) => trials.get(r.label) as Trial[]);
  if (sets.some((ts) => ts.length < profile.trials)) return false;
  const n = sets[0]?.length ?? 0;
  if (sets.length % 2 === 0 && sets.every((ts) => ts.length === n)) {
    const rps = (parity: number): number[] => sets.filter((_, i) => i % 2 === parity).flatMap((ts) => ts.map((t) => Math.max(1e-9, t.rps)));
    return relativeHalfWidth(pairedRatioCi(rps(0), rps(1))) <= profile.precision;
  }
  return sets.every((ts) => relativeHalfWidth(medianCi(ts.map((t) => t.rps))) <= profile.precision);
}

/**
 * Rounds of interleaved trials at one concurrency. A group leaves the rounds once its interval is narrow enough;
 * the rounds end when every group has, or at maxTrials rounds, or when the time budget is spent (but never before
 * every runner has its minimum number of trials).
 */
export async function timedRounds(
  scenario: Scenario,
  runners: Runner[],
  connections: number,
  env: RoundsEnv,
): Promise<Map<string, LoadLevel>> {
  const { profile, log } = env;
  const trials = new Map<string, Trial[]>(runners.map((r) => [r.label, []]));
  const disturbed = new Map<string, Trial[]>(runners.map((r) => [r.label, []]));
  const groups = new Map<string, Group>();
  for (const r of runners) {
    const key = env.groupOf?.(r.label) ?? r.label;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  // Groups with a trial longer than the profile's slowTrialSec: their trials so far are all they get.
  const slow = new Set<string>();
  const started = performance.now();
  for (let t = 0; t < profile.maxTrials; t++) {
    const spent = (performance.now() - started) / 1000;
    // A degraded strategy is never ranked: once it has failed, more trials of it only cost time.
    const degraded = (g: Group): boolean => g.some((r) => !!env.out.strategies.get(r.label)?.degraded);
    const pending = [...groups.entries()]
      .filter(([key, g]) => !precise(g, trials, profile) && !degraded(g) && !slow.has(key))
      .map(([, g]) => g);
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
          (trial.mixed && trial.mixed.reads === 0 ? `, ${trial.mixed.rowsWrittenPerWrite.toFixed(0)} rows/write` : '') +
          (trial.mixed && trial.mixed.reads > 0 ? `, ${trial.mixed.staleReads}/${trial.mixed.staleChecks} stale` : '') +
          (trial.host && trial.host.repeats > 0 ? ` (repeated ${trial.host.repeats}× for outside load)` : ''),
      );
      const key = env.groupOf?.(r.label) ?? r.label;
      if (isSlow(trial, profile) && !slow.has(key)) {
        slow.add(key);
        log(
          `${scenario.name}/${r.label}: its trial took ${trial.durationSec.toFixed(1)} s (over ${profile.slowTrialSec} s on this profile): ` +
            `no more rounds for it`,
        );
      }
    }
  }
  return new Map(
    runners.map((r) => [
      r.label,
      summarizeLevel(connections, trials.get(r.label) as Trial[], profile.precision, disturbed.get(r.label) as Trial[]),
    ]),
  );
}

const isSlow = (trial: Trial, profile: Profile): boolean => profile.slowTrialSec !== undefined && trial.durationSec > profile.slowTrialSec;

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
    writes: env.writes,
    probePool: env.probePools.get(r.label),
    activityPool: env.activityPool,
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
    if (
      !busy ||
      repeats >= profile.host.maxRepeats ||
      steadyLoad ||
      isSlow(trial, profile) ||
      trial.errors + trial.non2xx + trial.timeouts > 0
    ) {
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
