// Profiles as data. `quick` is for tests and CI, `default` is `npm run bench`, `full` is for real hardware. What a
// user can set (preset, trial length, trials, precision, connections, …) comes from the option table's defaults per
// profile (src/options/table.ts); what no option sets is here.
// `quick` (3–5 rounds of 0.5 s, 10 verified samples) is built to finish in minutes with every backend present: its
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
    verifySamples: 10,
    coldRequests: 5,
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
 * The trials of `ab` and `calibrate` on the default profile, unless flags or the config file set them: a gate compares
 * a few strategies, so it can afford more rounds than `npm run bench` (8–10 over a dozen scenarios), and a paired
 * ratio's interval narrows with their number, not with their length (6–8 rounds of 1 s left it near ±20–30 % on this
 * machine). The gate was calibrated with these (docs/measurement.md).
 */
export const GATE_TIMING = { trialSec: 0.5, warmupSec: 1, trials: 12, maxTrials: 16 } as const;

/** resolveProfile for a gate (`ab`, `calibrate`): on the default profile, GATE_TIMING where nothing set the value. */
export function resolveGateProfile(given: RunFlags): Profile {
  const p = resolveProfile(given);
  if (given.profile !== 'default') return p;
  const set = givenProfileValues(RUN_OPTIONS, given);
  // --trials alone fixes the count (resolveProfile), so it also keeps the gate's maxTrials away.
  const timing = Object.fromEntries(Object.entries(GATE_TIMING).filter(([k]) => !(k in set) && !(k === 'maxTrials' && 'trials' in set)));
  const merged = { ...p, ...timing };
  return { ...merged, maxTrials: Math.max(merged.maxTrials, merged.trials) };
}
