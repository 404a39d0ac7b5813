// Profiles as data. `quick` is for tests and CI, `default` is `npm run bench`, `full` is for real hardware. What a
// user can set (preset, trial length, trials, precision, connections, …) comes from the option table's defaults per
// profile (src/options/table.ts); what no option sets is here.
// `quick` (3–5 rounds of 0.5 s, 6 verified samples) is built to finish in minutes with every backend present: its
// exact costs are as exact as any profile's, while its timed intervals rest on 3 trials (75 % confidence, said so
// wherever they are printed); a timing verdict worth acting on comes from `default` (docs/measurement.md).
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
  /** tinybench micro-benchmarks of in-process costs: off, quick (short iterations) or full. */
  micro?: 'off' | 'quick' | 'full';
}

export type Profile = { name: ProfileName } & ProfileOptions & FixedProfile;

const HOST = { maxExternalCores: 0.25, maxStealShare: 0.05, maxRepeats: 2 };

const FIXED: Record<ProfileName, FixedProfile> = {
  quick: {
    budgetSec: 20,
    host: HOST,
    verifySamples: 6,
    coldRequests: 3,
    fanoutSec: 0.3,
    fanoutOnlyMain: true,
    ceiling: true,
    micro: 'quick',
  },
  default: { budgetSec: 40, host: HOST, verifySamples: 16, coldRequests: 20, fanoutSec: 0.3, ceiling: true, micro: 'quick' },
  full: { budgetSec: 900, host: HOST, verifySamples: 50, coldRequests: 50, fanoutSec: 3, ceiling: true, micro: 'full' },
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
 * Rounds of `ab` and `calibrate` on the default profile: 12–16 paired rounds instead of the run's 8–10. On this
 * machine (docs/measurement.md, "The gate"), 10 A/A and 10 A/B passes of calibrate: 0 false regressions and 10 of 10
 * detections of +15 % with these, 0 and 7 of 10 with 8–10. A run ranks dozens of rows within its budget; a gate
 * compares a few pairs and is worth the extra rounds. --trials or --max-trials set them as for a run.
 */
export const GATE_ROUNDS = { trials: 12, maxTrials: 16 } as const;

export function resolveGateProfile(given: RunFlags): Profile {
  const profile = resolveProfile(given);
  if (given.profile !== 'default' || given.trials !== undefined || given.maxTrials !== undefined) return profile;
  return { ...profile, ...GATE_ROUNDS };
}
