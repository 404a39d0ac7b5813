// The writes of a mixed load as a run applies them: the scenario's own mix, with what the run's options override.
// One function, so the timing, the trials and the result record agree on what was run.
import type { Scenario, WriteTarget } from '../core/scenario.ts';
import type { Profile } from './profiles.ts';

export interface WriteLoad {
  /** Share of the closed loop's requests that are writes (0 when writes are paced, or for a read-only scenario). */
  ratio: number;
  /** Writes per second beside the closed-loop reads (0: writes are `ratio`'s share of the loop). */
  rate: number;
  target: WriteTarget;
}

export const NO_WRITES: WriteLoad = { ratio: 0, rate: 0, target: 'uniform' };

/**
 * --write-rate wins; a --write-ratio given alone asks for writes in the loop even where the scenario paces them; else
 * the scenario's mix. --write-target applies to either.
 */
export function writeLoadOf(scenario: Scenario, profile: Pick<Profile, 'writeRatio' | 'writeRate' | 'writeTarget'>): WriteLoad {
  if (!scenario.mix || !scenario.writes) return NO_WRITES;
  // A write-only load (bulk-write) is what the scenario is: the mixed load's options do not apply to it.
  if (scenario.mix.writeRatio >= 1) return { ratio: 1, rate: 0, target: scenario.mix.writeTarget ?? 'uniform' };
  const rate = profile.writeRate ?? (profile.writeRatio !== undefined ? 0 : (scenario.mix.writeRate ?? 0));
  return {
    ratio: rate > 0 ? 0 : (profile.writeRatio ?? scenario.mix.writeRatio),
    rate,
    target: profile.writeTarget ?? scenario.mix.writeTarget ?? 'uniform',
  };
}

/** Whether the load writes at all. */
export const writes = (w: WriteLoad): boolean => w.ratio > 0 || w.rate > 0;

/** Writes in one paced trial (or warmup) of `seconds`: the same for every strategy, whatever its speed. */
export const writesPerTrial = (w: WriteLoad, seconds: number): number => (w.rate > 0 ? Math.max(1, Math.round(w.rate * seconds)) : 0);

/** The load in words, for log lines and the report. */
export function describeWriteLoad(w: WriteLoad): string {
  if (!writes(w)) return 'no writes';
  const how = w.rate > 0 ? `${w.rate} writes/s beside the reads` : `${Math.round(w.ratio * 100)} % writes`;
  return `${how}, ${w.target === 'hot' ? 'following the reads (hot)' : 'uniform over all items'}`;
}

/** What a scenario's result records of its writes (src/results/schema.ts). */
export function writeRecord(w: WriteLoad): { writeRatio: number; writeRate?: number; writeTarget?: WriteTarget } {
  return writes(w) ? { writeRatio: w.ratio, writeRate: w.rate, writeTarget: w.target } : { writeRatio: 0 };
}
