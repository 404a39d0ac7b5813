// Profiles as data. `quick` is for tests and CI, `default` is `npm run bench`, `full` is for real hardware.
import type { PresetName } from '../../datasets/presets.ts';

export interface Profile {
  name: 'quick' | 'default' | 'full';
  preset: PresetName;
  warmupSec: number;
  trialSec: number;
  trials: number;
  /** Closed-loop concurrency levels (connections). */
  connections: number[];
  /** Sampled params verified per strategy before timing. */
  verifySamples: number;
}

export const PROFILES: Record<Profile['name'], Profile> = {
  quick: { name: 'quick', preset: 'tiny', warmupSec: 1, trialSec: 2, trials: 3, connections: [8], verifySamples: 20 },
  default: { name: 'default', preset: 'small', warmupSec: 2, trialSec: 5, trials: 3, connections: [16], verifySamples: 24 },
  full: { name: 'full', preset: 'medium', warmupSec: 5, trialSec: 10, trials: 5, connections: [1, 8, 32, 128], verifySamples: 50 },
};
