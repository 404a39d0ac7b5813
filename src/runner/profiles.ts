// Profiles as data. `quick` is for tests and CI, `default` is `npm run bench`, `full` is for real hardware.
import type { PresetName } from '../../datasets/presets.ts';
import type { Placement } from '../infra/placement.ts';

export interface Profile {
  name: 'quick' | 'default' | 'full';
  preset: PresetName;
  warmupSec: number;
  trialSec: number;
  /** Trials of every contender at least (interleaved rounds). */
  trials: number;
  /**
   * Rounds continue past `trials` until every contender's req/s interval is within ±`precision` of its median, up to
   * `maxTrials` rounds or `budgetSec` of trials per scenario and load level, whichever ends first.
   */
  maxTrials: number;
  precision: number;
  budgetSec: number;
  /** A trial during which other processes used more cores than this, or the hypervisor stole more, is repeated. */
  host: { maxExternalCores: number; maxStealShare: number; maxRepeats: number };
  /** Closed-loop concurrency levels (connections). */
  connections: number[];
  /** Sampled params verified per strategy before timing. */
  verifySamples: number;
  /** Sequential requests timed right after start, before warmup (cold pools and caches). */
  coldRequests: number;
  /** Length of each fan-out point's trial (0: no fan-out curve). */
  fanoutSec: number;
  /** Measure the no-op ceiling of the server stack alongside the strategies. */
  ceiling: boolean;
  /** tinybench micro-benchmarks of in-process costs: off, quick (short iterations) or full. */
  micro?: 'off' | 'quick' | 'full';
  /** Rate mode (a stepped search per strategy, after the trials); absent: off. */
  rate?: { targetP99Ms: number; stepSec: number; startRps: number; maxRps: number };
  /** CPU placement of the load generator and the servers (see src/infra/placement.ts); absent: shared. */
  placement?: Placement;
  /** Overrides the mixed scenario's write ratio. */
  writeRatio?: number;
}

export const PROFILES: Record<Profile['name'], Profile> = {
  quick: {
    name: 'quick',
    preset: 'tiny',
    warmupSec: 1,
    trialSec: 1,
    trials: 6,
    maxTrials: 8,
    precision: 0.05,
    budgetSec: 45,
    host: { maxExternalCores: 0.25, maxStealShare: 0.05, maxRepeats: 2 },
    connections: [8],
    verifySamples: 20,
    coldRequests: 10,
    fanoutSec: 0,
    ceiling: true,
    micro: 'quick',
  },
  default: {
    name: 'default',
    preset: 'small',
    warmupSec: 1.5,
    trialSec: 1,
    trials: 6,
    maxTrials: 8,
    precision: 0.03,
    budgetSec: 60,
    host: { maxExternalCores: 0.25, maxStealShare: 0.05, maxRepeats: 2 },
    connections: [16],
    verifySamples: 24,
    coldRequests: 20,
    fanoutSec: 1,
    ceiling: true,
    micro: 'full',
  },
  full: {
    name: 'full',
    preset: 'medium',
    warmupSec: 5,
    trialSec: 5,
    trials: 8,
    maxTrials: 20,
    precision: 0.02,
    budgetSec: 900,
    host: { maxExternalCores: 0.25, maxStealShare: 0.05, maxRepeats: 2 },
    connections: [1, 8, 32, 128],
    verifySamples: 50,
    coldRequests: 50,
    fanoutSec: 3,
    ceiling: true,
    micro: 'full',
    rate: { targetP99Ms: 50, stepSec: 5, startRps: 100, maxRps: 50_000 },
  },
};
