// Integration-test environment: real servers from the local provider, seeded with the tiny preset. A backend that
// cannot start skips the tests that need it, loudly — and fails them under CI=true (see skipIfMissing).
import type { TestContext } from 'node:test';
import type { Ctx } from '../core/context.ts';
import type { DatasetInfo } from '../core/dataset.ts';
import type { Endpoints, StartedInfra } from '../core/infra.ts';
import { runCleanups } from '../core/lifecycle.ts';
import { createRng } from '../core/rng.ts';
import type { Need, Scenario, Strategy } from '../core/scenario.ts';
import { describeDataset, generateDataset, type Dataset } from '../../datasets/index.ts';
import { localProvider } from '../infra/local/index.ts';
import { isolateStrategies } from '../runner/isolate.ts';
import { loadSelection, type LoadedSelection } from '../runner/selection.ts';
import { skipIfMissing } from './backends.ts';
import { seedBackends } from '../seed/index.ts';
import { createFactsCtx } from '../server/context.ts';
import { verifyScenario, type Verified } from '../verify/scenario.ts';

export interface TestEnv {
  infra: StartedInfra;
  dataset: Dataset;
  info: DatasetInfo;
  factsCtx: Ctx;
  /** Why a need is unavailable, or null when every one of `needs` is up. */
  missing: (needs: readonly Need[]) => string | null;
  stop: () => Promise<void>;
}

export async function startTestEnv(needs: readonly Need[], preset: 'tiny' | 'small' = 'tiny', seed = 42): Promise<TestEnv> {
  const infra = await localProvider().start(needs);
  const dataset = generateDataset(preset, seed);
  await seedBackends(infra.endpoints, dataset, () => {});
  const facts = await createFactsCtx(infra.endpoints);
  return {
    infra,
    dataset,
    info: describeDataset(dataset),
    factsCtx: facts.ctx,
    missing: (ns) => {
      const down = infra.backends.filter((b) => ns.includes(b.need) && b.status !== 'up');
      return down.length ? down.map((b) => `${b.need}: ${b.reason}`).join('; ') : null;
    },
    stop: async () => {
      await facts.close();
      await infra.stop();
      await runCleanups();
    },
  };
}

/** Skips (or under CI fails) the test when a backend it needs is unavailable. True when skipped. */
export function skipUnlessUp(t: TestContext, env: TestEnv, needs: readonly Need[]): boolean {
  return skipIfMissing(t, env.missing(needs));
}

/** The scenario and these strategies of it, loaded as a run loads its selection. */
export const loadAll = (scenario: string, strategies: string[]): Promise<LoadedSelection> => loadSelection({ scenario, strategies });

/** Verifies strategies as a run would (same samples, same reference); the servers that pass stay up for the test. */
/** Verifies `names` on the scenario's own sample of `samples` params, less those `keep` leaves out. */
export async function verifyForTest(
  env: TestEnv,
  scenarioName: string,
  names: string[],
  samples = 20,
  keep: (p: Record<string, string>) => boolean = () => true,
): Promise<Verified[]> {
  const { scenario, strategies } = await loadAll(scenarioName, names);
  return verifyScenario({
    scenario,
    strategies,
    endpoints: env.infra.endpoints,
    samples: scenario.sample(env.info, samples, createRng(7)).filter(keep),
    factsCtx: env.factsCtx,
  });
}

export interface IsolatedVerification {
  scenario: Scenario;
  strategies: Strategy[];
  verified: Verified[];
  /** Each strategy's own endpoints (its copy of the data). */
  own: Map<string, Endpoints>;
  /** Stops the servers of the strategies that passed. */
  stop: () => Promise<void>;
}

/**
 * Verifies a scenario whose load writes as a run does: each strategy on its own copy of the seeded data
 * (src/runner/isolate.ts, with a database variant's SQL where `prepare` gives one), its write path included.
 */
export async function verifyIsolatedForTest(
  env: TestEnv,
  scenarioName: string,
  names: string[],
  opts: { samples?: number; prepare?: (s: Strategy, scenario: Scenario) => readonly string[] } = {},
): Promise<IsolatedVerification> {
  const { scenario, strategies } = await loadAll(scenarioName, names);
  const prepare = opts.prepare;
  const own = await isolateStrategies(
    env.infra.endpoints,
    scenarioName,
    strategies,
    env.dataset,
    () => {},
    prepare ? (s) => prepare(s, scenario) : undefined,
  );
  const verified = await verifyScenario({
    scenario,
    strategies,
    endpoints: env.infra.endpoints,
    endpointsFor: (s) => own.get(s.name) ?? env.infra.endpoints,
    isolated: true,
    samples: scenario.sample(env.info, opts.samples ?? 6, createRng(7)),
    factsCtx: env.factsCtx,
  });
  const stop = async (): Promise<void> => {
    for (const v of verified) if (v.status === 'passed') await v.server.stop();
  };
  return { scenario, strategies, verified, own, stop };
}

export function problemsOf(v: Verified): string {
  return v.outcome?.problems.map((p) => `${p.params}: ${p.message}`).join('\n') ?? (v.status === 'failed' ? v.reason : '');
}
