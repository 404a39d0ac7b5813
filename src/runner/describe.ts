// What a result records about a strategy and a profile besides the figures. Shared by the runner and by `ab`,
// which assembles two results from one run.
import { DEFAULT_SETTINGS, type AddedCost, type Settings } from '../core/context.ts';
import { describeAddedCost } from '../calibrate/added-cost.ts';
import type { DatasetCounts } from '../core/dataset.ts';
import type { Scenario, Strategy } from '../core/scenario.ts';
import { splitVariant } from '../core/variants.ts';
import type { Result } from '../results/schema.ts';
import type { Profile } from './profiles.ts';

/** The settings a reader needs to judge a comparison fair: pool, timeouts, cache policy, the strategy's own parity. */
export function parityOf(s: Strategy, settings: Partial<Settings> | undefined): Record<string, string | number | boolean> {
  const st = { ...DEFAULT_SETTINGS, ...settings };
  const cache = s.technique === 'cached' ? { cacheTtlSeconds: st.cacheTtlSeconds, memoryCacheEntries: st.memoryCacheEntries } : {};
  // A strategy that reads from the replica holds a second pool of the same size there (src/server/context.ts).
  const replica = s.needs.includes('replica') ? { replicaPool: st.poolSize } : {};
  const merged: Record<string, string | number | boolean | undefined> = {
    pool: st.poolSize,
    ...replica,
    statementTimeoutMs: st.statementTimeoutMs,
    ...cache,
    ...s.parity,
    // A calibration run's known extra cost: a figure measured with it is never the strategy's own.
    addedCost: st.calibration?.[s.name] ? describeAddedCost(st.calibration[s.name] as AddedCost) : undefined,
  };
  return Object.fromEntries(Object.entries(merged).filter((e): e is [string, string | number | boolean] => e[1] !== undefined));
}

/** The fields every StrategyResult carries, whatever its status. */
const variantField = (scenario: Scenario, name: string): { variant?: string } => {
  const { variant } = splitVariant(name);
  return variant !== null && scenario.dbVariants?.variants[variant] ? { variant } : {};
};

export const describeStrategy = (
  scenario: Scenario,
  s: Strategy,
  source: { path: string; text: string },
  settings: Partial<Settings> | undefined,
) => ({
  scenario: scenario.name,
  strategy: s.name,
  technique: s.technique,
  client: s.client,
  needs: [...s.needs],
  parity: parityOf(s, settings),
  source,
  ...variantField(scenario, s.name),
});

export function profileRecord(p: Profile): Result['profile'] {
  return {
    name: p.name,
    warmupSec: p.warmupSec,
    trialSec: p.trialSec,
    trials: p.trials,
    maxTrials: p.maxTrials,
    precision: p.precision,
    placement: p.placement ?? 'shared',
    connections: p.connections,
    verifySamples: p.verifySamples,
  };
}

/** What a result records about its data: preset, seed, row counts, and how long seeding (or restoring) took. */
export function datasetRecord(
  p: Profile,
  seed: number,
  counts: DatasetCounts,
  seeded: { seconds: number; cached?: boolean },
): Result['dataset'] {
  return { preset: p.preset, seed, counts: { ...counts }, seedSeconds: seeded.seconds, cached: seeded.cached };
}
