// One scenario of `accessbench ab`: head's strategies and the base's, each verified by its own commit's code, then
// measured as contenders of ONE round-robin — base and head of a strategy side by side, so the trials alternate and
// machine drift hits both alike. The measurement's labels ("<name>@base") are split back into two result lists.
import type { Ctx, Settings } from '../core/context.ts';
import type { DatasetInfo } from '../core/dataset.ts';
import { AccessbenchError } from '../core/errors.ts';
import type { Endpoints, StartedInfra } from '../core/infra.ts';
import { checkInterrupted } from '../core/lifecycle.ts';
import { createRng } from '../core/rng.ts';
import type { Scenario, Strategy } from '../core/scenario.ts';
import type { Dataset } from '../../datasets/index.ts';
import type { StrategyResult } from '../results/schema.ts';
import { isolateStrategies } from '../runner/isolate.ts';
import { checkPrimary } from '../runner/backend-watch.ts';
import type { Contender } from '../runner/contender.ts';
import { measureScenario } from '../runner/measure.ts';
import type { Profile } from '../runner/profiles.ts';
import { StrategyResults } from '../runner/strategy-result.ts';
import { flushCaches } from '../seed/index.ts';
import { verifyScenario } from '../verify/scenario.ts';
import type { BaseTree } from './base-tree.ts';
import { asBase, BASE_SUFFIX, isBase, pairOf } from './pair.ts';
import { variantSql } from '../core/variants.ts';
import { zeroUnreported } from './unreported.ts';
import { mergeProcesses, perProcess, withProcesses } from './processes.ts';
import { startStrategyServer } from '../server/spawn.ts';
import { setAsideUntimed, tooSlow } from '../runner/too-slow.ts';

export interface AbEnv {
  infra: StartedInfra;
  dataset: Dataset;
  info: DatasetInfo;
  factsCtx: Ctx;
  profile: Profile;
  seed: number;
  settings?: Partial<Settings>;
  base: BaseTree;
  /** Server processes a side per strategy (src/ab/processes.ts). */
  processes: number;
  log: (line: string) => void;
  step: <T>(p: Promise<T>) => Promise<T>;
}

export interface AbScenarioInput {
  head: { scenario: Scenario; strategies: Strategy[] };
  /** null: the base commit does not have this scenario. */
  base: { scenario: Scenario; strategies: Strategy[] } | null;
}

export async function runAbScenario(input: AbScenarioInput, env: AbEnv): Promise<{ head: StrategyResult[]; base: StrategyResult[] }> {
  const { scenario } = input.head;
  const { infra, settings, factsCtx, step, log } = env;
  const preset = env.profile.preset;
  const head = new StrategyResults({ scenario, settings, log });
  const bs = input.base?.scenario ?? scenario;
  const base = new StrategyResults({ scenario: bs, settings, log, source: (name) => env.base.source(bs, name), tag: BASE_SUFFIX });
  const headNames = new Set(input.head.strategies.map((s) => s.name));
  const contenders: Contender[] = [];
  try {
    const headRunnable = head.startable(input.head.strategies, infra, preset);
    let baseRunnable: Strategy[] = [];
    if (input.base) {
      const sameRoute = bs.route.method === scenario.route.method && bs.route.path === scenario.route.path;
      for (const s of input.base.strategies) {
        // ab measures what head has; a strategy head removed is listed, not timed.
        if (!headNames.has(s.name)) base.skip(s, 'not in head: ab times only strategies head has');
        else if (!sameRoute)
          base.fail(
            s,
            `route changed (base ${bs.route.method} ${bs.route.path}, head ${scenario.route.method} ${scenario.route.path}): not comparable`,
          );
      }
      baseRunnable = base.startable(
        input.base.strategies.filter((s) => !base.has(s.name)),
        infra,
        preset,
      );
    }
    checkInterrupted();
    await step(flushCaches(infra.endpoints));
    const samples = scenario.sample(env.info, env.profile.verifySamples, createRng(env.seed ^ 0x7e51));
    // A mixed load writes: every contender, base and head alike, gets its own copy of the data (see runner/isolate.ts).
    // Database variants (src/core/variants.ts) too, each copy prepared by its variant's SQL (base and head alike).
    const copies = [...headRunnable, ...baseRunnable.map(asBase)];
    const prepare = (s: Strategy): readonly string[] => variantSql(scenario, s.name);
    const own =
      scenario.mix || scenario.dbVariants
        ? await step(isolateStrategies(infra.endpoints, scenario.name, copies, env.dataset, log, prepare))
        : new Map<string, Endpoints>();
    const headEndpoints = (s: Strategy): Endpoints => own.get(s.name) ?? infra.endpoints;
    const baseEndpoints = (s: Strategy): Endpoints => own.get(asBase(s).name) ?? infra.endpoints;
    const verify = { endpoints: infra.endpoints, settings, samples, factsCtx, step, log };
    // The base's strategies verified by the base's code: servers forked from its worktree, its own reference and
    // expectQueries. A base whose reference server does not start cannot be measured by this accessbench at all.
    const baseVerified = input.base
      ? await verifyScenario({
          ...verify,
          scenario: bs,
          strategies: baseRunnable,
          endpointsFor: baseEndpoints,
          isolated: !!bs.mix,
          root: env.base.root,
          tag: BASE_SUFFIX,
          referenceFailed: (e) =>
            new AccessbenchError(
              `ab: the base commit ${env.base.sha.slice(0, 12)}'s strategy server (src/server/main.ts) does not start with this accessbench's ` +
                `server config — its server protocol is incompatible; compare result files of two separate runs instead (${e.message})`,
            ),
        })
      : [];
    const baseContenders = base.verified(baseVerified, infra.backends, baseEndpoints);
    contenders.push(...baseContenders);
    const headVerified = await verifyScenario({
      ...verify,
      scenario,
      strategies: headRunnable,
      endpointsFor: headEndpoints,
      isolated: !!scenario.mix,
    });
    const headContenders = head.verified(headVerified, infra.backends, headEndpoints);
    contenders.push(...headContenders);
    // A pair too slow for the profile's rounds on either side (slowRequestSec, the quick profile) is verified on both,
    // with its exact costs, but timed on neither: a pair's trials only mean something together.
    for (const s of input.head.strategies) {
      const pair = [
        [baseContenders, base],
        [headContenders, head],
      ] as const;
      const found = pair.map(([list]) => list.find((c) => c.strategy.name === s.name));
      const why = found.map((c) => (c ? tooSlow(c, env.profile) : null)).find((w) => w !== null);
      if (!why) continue;
      for (const [i, [list, results]] of pair.entries()) {
        const c = found[i];
        if (c) await setAsideUntimed(list, c, results, why);
      }
    }
    // Base then head of each strategy, adjacent: the runner's rotating round-robin keeps each pair's trials together.
    const order: Contender[] = [];
    for (const s of input.head.strategies) {
      const b = baseContenders.find((c) => c.strategy.name === s.name);
      const h = headContenders.find((c) => c.strategy.name === s.name);
      if (b) order.push({ ...b, strategy: asBase(b.strategy) });
      if (h) order.push(h);
    }
    // Each side's further server processes, started from its own tree, beside the verified ones.
    const timed = await withProcesses(
      order,
      env.processes,
      (c) =>
        step(
          startStrategyServer(
            {
              scenario: (isBase(c.strategy.name) ? bs : scenario).name,
              strategy: pairOf(c.strategy.name),
              endpoints: c.endpoints,
              settings: settings ?? {},
            },
            undefined,
            isBase(c.strategy.name) ? env.base.root : undefined,
          ),
        ),
      contenders,
    );
    if (env.processes > 1)
      log(`${scenario.name}: ${env.processes} server processes a side for each strategy, their trials paired process by process`);
    // The ceiling and the fan-out curve describe one tree's server stack, not the difference between two commits. The
    // rounds are shared out between the processes: as many paired trials a strategy as with one process a side.
    const profile: Profile = { ...env.profile, ceiling: false, fanoutSec: 0, ...perProcess(env.profile, env.processes) };
    const timing = await measureScenario(scenario, timed, {
      info: env.info,
      profile,
      seed: env.seed,
      log,
      step,
      infra,
      // A dead primary ends the whole ab run (exit 3): a gate must not pass on strategies it could not measure.
      checkBackends: () => checkPrimary(infra, `while timing ${scenario.name}`),
      // Base and head of a strategy run back to back each round and stop together, once their paired ratio is known.
      groupOf: pairOf,
    });
    const measured = { ...timing, strategies: mergeProcesses(timing.strategies, profile.precision) };
    for (const c of order) {
      const m = measured.strategies.get(c.strategy.name);
      if (!m) continue;
      if (!isBase(c.strategy.name)) {
        head.complete(c, m);
        continue;
      }
      const name = pairOf(c.strategy.name);
      const unreported = zeroUnreported(m.levels);
      if (unreported.length)
        log(`${scenario.name}/${name}${BASE_SUFFIX}: the base's server does not report ${unreported.join(', ')}: recorded as 0`);
      base.complete({ ...c, strategy: { ...c.strategy, name } }, m);
    }
  } finally {
    for (const c of contenders) await c.server.stop();
  }
  return { head: head.inOrder(input.head.strategies), base: base.inOrder(input.base?.strategies ?? []) };
}
