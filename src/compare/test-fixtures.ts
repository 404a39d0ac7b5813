// Result files with known differences, for the comparison's tests: the report fixture (deterministic, every status
// present) scaled or edited so that the expected verdicts follow from the construction, not from the code under test.
import { buildFixtureResult } from '../report/fixture.ts';
import type { Result, StrategyResult } from '../results/schema.ts';

export const BASE_SHA = '3f9c2ab6d1e04b7a9c8e5f2d1a0b9c8d7e6f5a4b';
export const HEAD_SHA = 'b7e1d0c9a8f7e6d5c4b3a2918f7e6d5c4b3a2910';

/** The fixture as head: another commit, optionally with every req/s multiplied (latencies divided) by `rpsScale`. */
export function headFixture(rpsScale = 1, overrides: Partial<Result> = {}): Result {
  const base = buildFixtureResult();
  return buildFixtureResult(
    { git: { ...base.git, sha: HEAD_SHA, branch: 'feature', subject: 'head commit' }, runId: 'head-run', ...overrides },
    { rpsScale },
  );
}

export function strategyOf(r: Result, scenario: string, strategy: string): StrategyResult {
  const s = r.scenarios.find((x) => x.name === scenario)?.strategies.find((x) => x.strategy === strategy);
  if (!s) throw new Error(`fixture has no ${scenario}/${strategy}`);
  return s;
}

/** A copy of `r` whose `scenario/strategy` level at `connections` has exactly these trials' req/s and p99 (µs). */
export function withTrials(r: Result, scenario: string, strategy: string, connections: number, rps: number[], p99Us: number[]): Result {
  const copy = structuredClone(r);
  const s = strategyOf(copy, scenario, strategy);
  if (s.status !== 'completed') throw new Error(`${scenario}/${strategy} is ${s.status} in the fixture`);
  const level = s.levels.find((l) => l.connections === connections);
  if (!level) throw new Error(`no level ${connections}`);
  const template = level.trials[0];
  if (!template) throw new Error('no trials');
  level.trials = rps.map((x, i) => ({
    ...template,
    index: i,
    rps: x,
    latencyUs: { ...template.latencyUs, p99: p99Us[i] ?? template.latencyUs.p99 },
  }));
  return copy;
}

/** A copy of `r` with `edit` applied to one strategy (e.g. marking it degraded, or removing a level). */
export function editStrategy(r: Result, scenario: string, strategy: string, edit: (s: StrategyResult) => StrategyResult | null): Result {
  const copy = structuredClone(r);
  for (const sc of copy.scenarios) {
    if (sc.name !== scenario) continue;
    sc.strategies = sc.strategies.flatMap((s) => (s.strategy === strategy ? (edit(s) ?? []) : [s]));
  }
  return copy;
}

/** A copy of `r` with one strategy's trials k× faster: req/s × k, every latency ÷ k. */
export function scaleStrategy(r: Result, scenario: string, strategy: string, k: number): Result {
  return editStrategy(r, scenario, strategy, (s) => {
    if (s.status !== 'completed') return s;
    const div = (p: Record<string, number>) => Object.fromEntries(Object.entries(p).map(([key, v]) => [key, v / k]));
    const levels = s.levels.map((l) => ({
      ...l,
      trials: l.trials.map((t) => ({ ...t, rps: t.rps * k, latencyUs: div(t.latencyUs) as typeof t.latencyUs })),
    }));
    return { ...s, levels };
  });
}
