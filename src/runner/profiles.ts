// Profiles as data. `quick` is for tests and CI, `default` is `npm run bench`, `full` is for real hardware. What a
// user can set (preset, trial length, trials, precision, connections, …) comes from the option table's defaults per
// profile (src/options/table.ts); what no option sets is here.
// `quick` (3 rounds of 0.15 s after a 0.15 s warmup, 3 verified samples) is built to finish in three minutes with every
// backend present (docs/measurement.md, "The quick profile in three minutes"): its exact costs are as exact as any
// profile's, while its timed intervals rest on 3 trials (75 % confidence, said so wherever they are printed); a timing
// verdict worth acting on comes from `default`.
import { givenProfileValues, profileDefaults, PROFILE_NAMES, type ProfileName } from '../options/define.ts';
import { RUN_OPTIONS, type ProfileOptions, type RunFlags } from '../options/table.ts';

interface FixedProfile {
  /**
   * Rounds continue past `trials` until every contender's req/s interval is within ±`precision` of its median, up to
   * `maxTrials` rounds or `budgetSec` of trials per scenario and load level, whichever ends first.
   */
  budgetSec: number;
  /** A trial during which other processes used more cores than this, or the hypervisor stole more, is repeated. */
  host: { maxExternalCores: number; maxStealShare: number; maxRepeats: number };
  /**
   * The warmup goes on past --warmup, in chunks, while the server's CPU per request still falls, up to maxSec
   * (src/runner/warmup.ts).
   */
  warmup: { maxSec: number; chunkSec: number };
  /**
   * A trial that lasts longer than this is its strategy's last, and is not repeated for outside load: on the quick
   * profile a strategy that serves a few requests a second (FerretDB's N+1 strategies at the tiny preset take 6–10 s
   * per trial) would add that much to every round of a run built to take minutes, and it ranks last by orders of
   * magnitude whatever its interval. Unset: every strategy gets its rounds.
   */
  slowTrialSec?: number;
  /**
   * A strategy whose reads took longer than this in verification (one request alone, mean over the sample) is
   * verified (its exact costs are recorded) but not timed: at the tiny preset that is FerretDB's N+1 Mongo strategies
   * (1.1–1.9 s a request), whose warmup and trials cost about 45 s each of a quick run. Unset: all timed.
   */
  slowRequestSec?: number;
  /** Sampled params verified per strategy before timing. */
  verifySamples: number;
  /** Sequential requests timed right after start, before warmup (cold pools and caches). */
  coldRequests: number;
  /** Length of each fan-out point's trial (0: no fan-out curve). */
  fanoutSec: number;
  /** Only the curves that are their scenario's main figure (feed-pages' depth), not post-detail's fan-out. */
  fanoutOnlyMain?: boolean;
  /** Measure the no-op ceiling of the server stack alongside the strategies. */
  ceiling: boolean;
  /**
   * Rounds that start with a run of the database ceiling (pgbench runs whole seconds; the report shows the median of
   * the runs).
   */
  dbCeilingRounds: number;
  /** tinybench micro-benchmarks of in-process costs: off, quick (short iterations) or full. */
  micro?: 'off' | 'quick' | 'full';
}

export type Profile = { name: ProfileName } & ProfileOptions & FixedProfile;

const HOST = { maxExternalCores: 0.25, maxStealShare: 0.05, maxRepeats: 2 };

const FIXED: Record<ProfileName, FixedProfile> = {
  quick: {
    budgetSec: 10,
    // A disturbed trial is repeated once: a quick run's timings are a screen, its exact costs are what it is for.
    host: { ...HOST, maxRepeats: 1 },
    // Quick timings are a screen (3 trials): the warmup stays the given 0.15 s rather than lengthen every test.
    warmup: { maxSec: 0.15, chunkSec: 0.15 },
    slowTrialSec: 3,
    slowRequestSec: 1,
    verifySamples: 3,
    coldRequests: 1,
    fanoutSec: 0.15,
    fanoutOnlyMain: true,
    ceiling: true,
    dbCeilingRounds: 1,
    micro: 'quick',
  },
  default: {
    budgetSec: 35,
    host: HOST,
    warmup: { maxSec: 2, chunkSec: 0.5 },
    verifySamples: 16,
    coldRequests: 20,
    fanoutSec: 0.3,
    ceiling: true,
    dbCeilingRounds: 3,
    micro: 'quick',
  },
  full: {
    budgetSec: 900,
    host: HOST,
    warmup: { maxSec: 20, chunkSec: 1 },
    verifySamples: 50,
    coldRequests: 50,
    fanoutSec: 3,
    ceiling: true,
    dbCeilingRounds: 3,
    micro: 'full',
  },
};

export const PROFILES = Object.fromEntries(
  PROFILE_NAMES.map((name) => [name, { name, ...profileDefaults(RUN_OPTIONS, name), ...FIXED[name] }]),
) as Record<ProfileName, Profile>;

/** The chosen profile with the options that were given laid over it. */
export function resolveProfile(given: RunFlags): Profile {
  const base = PROFILES[given.profile];
  return {
    ...base,
    ...givenProfileValues(RUN_OPTIONS, given),
    // --trials alone fixes the count; with --max-trials it is the least of an adaptive range.
    maxTrials: Math.max(given.maxTrials ?? given.trials ?? base.maxTrials, given.trials ?? 1),
  };
}

/**
 * `ab` and `calibrate` on the default profile: a gate compares a few pairs and is worth more time per pair than a run
 * that ranks dozens of rows. At least 16 paired trials of 0.3 s a strategy, and up to 48 while the rounds have taken
 * under 120 s in the scenario, after a warmup of up to 5 s (a server still getting cheaper in its trials is what made
 * most pairs' ratios drift). On this machine the per-round ratio of two servers of the same code spreads by about 20 %
 * (docs/measurement.md, "The gate"): rounds, not trial length, narrow the paired interval, so a gate on a few
 * strategies takes the rounds its budget allows (48 for one to three strategies; a whole scenario of 13 gets its 16).
 * --trials, --max-trials and --duration set them as for a run.
 */
export const GATE_ROUNDS = { trials: 16, maxTrials: 48, trialSec: 0.3, budgetSec: 120, warmup: { maxSec: 5, chunkSec: 0.5 } } as const;

export function resolveGateProfile(given: RunFlags): Profile {
  const profile = resolveProfile(given);
  if (given.profile !== 'default') return profile;
  const explicit = given.trials !== undefined || given.maxTrials !== undefined;
  return {
    ...profile,
    ...(explicit ? {} : { trials: GATE_ROUNDS.trials, maxTrials: GATE_ROUNDS.maxTrials, budgetSec: GATE_ROUNDS.budgetSec }),
    ...(given.trialSec === undefined ? { trialSec: GATE_ROUNDS.trialSec } : {}),
    warmup: GATE_ROUNDS.warmup,
  };
}
