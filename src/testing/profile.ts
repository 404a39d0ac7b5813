// The profile of tests that run the whole pipeline: the tiny preset, one low concurrency level, a few short trials, no
// ceiling and no fan-out curve, so a run takes seconds. A test overrides what it is about (trials, micro, levels).
import { PROFILES, type Profile } from '../runner/profiles.ts';

export function tinyProfile(overrides: Partial<Profile> = {}): Profile {
  return {
    ...PROFILES.quick,
    preset: 'tiny',
    warmupSec: 0.3,
    trialSec: 0.5,
    trials: 2,
    maxTrials: 2,
    connections: [2],
    verifySamples: 5,
    coldRequests: 2,
    fanoutSec: 0,
    ceiling: false,
    // What a test expects must not depend on how fast this machine serves FerretDB: every strategy gets its rounds.
    slowTrialSec: undefined,
    slowRequestSec: undefined,
    // The processors' steadiness is measured where a test asks for it (src/runner/cpu-steadiness.test.ts, ci.test.ts).
    steadinessSec: 0,
    ...overrides,
  };
}
