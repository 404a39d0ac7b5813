// One scenario of `accessbench ab`: head's strategies and the base's, each verified by its own commit's code, then
// measured as contenders of ONE round-robin — base and head of a strategy side by side, so the trials alternate and
// machine drift hits both alike. The measurement's labels ("<name>@base") are split back into two result lists.
import type { Ctx, Settings } from '../core/context.ts';
import type { DatasetInfo } from '../core/dataset.ts';
import { AccessbenchError, InterruptedError } from '../core/errors.ts';
import type { Endpoints, StartedInfra } from '../core/infra.ts';
import { checkInterrupted } from '../core/lifecycle.ts';
import { createRng } from '../core/rng.ts';
import { strategySource } from '../core/registry.ts';
import type { RawParams, Scenario, Strategy } from '../core/scenario.ts';
import type { Dataset } from '../../datasets/index.ts';
import type { StrategyResult } from '../results/schema.ts';
import { isolateStrategies } from '../runner/isolate.ts';
import { checkPrimary } from '../runner/backend-watch.ts';
import type { Contender } from '../runner/contender.ts';
import { measureScenario } from '../runner/measure.ts';
import type { Profile } from '../runner/profiles.ts';
import { flushCaches } from '../seed/index.ts';
import { startStrategyServer, type StrategyServer, type TraceReply } from '../server/spawn.ts';
import { verifyScenario } from '../verify/scenario.ts';
import { verifyStrategy, type VerifyOutcome } from '../verify/verify.ts';
import type { BaseTree } from './base-tree.ts';
import { describeStrategy } from '../runner/describe.ts';
import { zeroUnreported } from './unreported.ts';

export const BASE_SUFFIX = '@base';

export interface AbEnv {
  infra: StartedInfra;
  dataset: Dataset;
  info: DatasetInfo;
  factsCtx: Ctx;
  profile: Profile;
  seed: number;
  settings?: Partial<Settings>;
  base: BaseTree;
  log: (line: string) => void;
  step: <T>(p: Promise<T>) => Promise<T>;
}

export interface AbScenarioInput {
  head: { scenario: Scenario; strategies: Strategy[] };
  /** null: the base commit does not have this scenario. */
  base: { scenario: Scenario; strategies: Strategy[] } | null;
}

type Side = Map<string, StrategyResult>;

/** Strategies whose backends are up; the others recorded as skipped. */
function runnable(
  scenario: Scenario,
  strategies: Strategy[],
  env: AbEnv,
  out: Side,
  sourceOf: (s: Strategy) => { path: string; text: string },
): Strategy[] {
  const ok: Strategy[] = [];
  for (const s of strategies) {
    const missing = s.needs.filter((n) => !env.infra.endpoints[n]);
    if (missing.length === 0) ok.push(s);
    else {
      const why = missing.map((n) => `${n}: ${env.infra.backends.find((b) => b.need === n)?.reason ?? 'not started'}`).join('; ');
      out.set(s.name, {
        ...describeStrategy(scenario, s, sourceOf(s), env.settings),
        status: 'skipped',
        reason: `needs ${missing.join(', ')} — ${why}`,
      });
    }
  }
  return ok;
}

/**
 * The base's strategies verified the way verifyScenario verifies head's, but with servers forked from the base
 * worktree, against the base's own reference, with the base's own expectQueries. A base whose reference server does
 * not start cannot be measured by this accessbench at all: that is an error for the whole run, with the reason.
 */
async function verifyBase(
  scenario: Scenario,
  strategies: Strategy[],
  samples: RawParams[],
  endpointsFor: (s: Strategy) => Endpoints,
  env: AbEnv,
  out: Side,
): Promise<Contender[]> {
  const settings = env.settings ?? {};
  const start = (name: string, endpoints: Endpoints): Promise<StrategyServer> =>
    env.step(startStrategyServer({ scenario: scenario.name, strategy: name, endpoints, settings }, 60_000, env.base.root));
  let ref: StrategyServer;
  try {
    ref = await start(scenario.reference, env.infra.endpoints);
  } catch (e) {
    throw new AccessbenchError(
      `ab: the base commit ${env.base.sha.slice(0, 12)}'s strategy server (src/server/main.ts) does not start with this accessbench's ` +
        `server config — its server protocol is incompatible; compare result files of two separate runs instead (${(e as Error).message})`,
    );
  }
  const replies = new Map<string, Promise<TraceReply>>();
  const reference = (path: string): Promise<TraceReply> => {
    if (!replies.has(path)) replies.set(path, ref.trace('GET', path));
    return replies.get(path) as Promise<TraceReply>;
  };
  const passed: Contender[] = [];
  try {
    for (const s of strategies) {
      const info = describeStrategy(scenario, s, env.base.source(scenario, s.name), env.settings);
      let server: StrategyServer;
      try {
        server = await start(s.name, endpointsFor(s));
      } catch (e) {
        out.set(s.name, { ...info, status: 'failed', reason: (e as Error).message, verify: null, captured: null });
        continue;
      }
      let outcome: VerifyOutcome;
      try {
        outcome = await env.step(
          verifyStrategy({ scenario, strategy: s, server, samples, reference, factsCtx: env.factsCtx, writes: !!scenario.mix }),
        );
      } catch (e) {
        await server.stop();
        if (e instanceof InterruptedError) throw e;
        // As in verifyScenario: a request that errs or times out fails this strategy, never the run.
        out.set(s.name, {
          ...info,
          status: 'failed',
          reason: `verification could not complete: ${(e as Error).message}`,
          verify: null,
          captured: null,
        });
        continue;
      }
      const fail = outcome.problems.find((p) => p.severity === 'fail');
      env.log(`${scenario.name}/${s.name}${BASE_SUFFIX}: verify ${fail ? `FAILED (${fail.params} ${fail.message})` : 'ok'}`);
      if (!fail) passed.push({ strategy: s, server, verify: outcome, endpoints: endpointsFor(s) });
      else {
        await server.stop();
        out.set(s.name, {
          ...info,
          status: 'failed',
          reason: `verification failed: ${fail.message} (params ${fail.params})`,
          verify: outcome,
          captured: outcome.captured,
          cost: outcome.cost,
        });
      }
    }
  } catch (e) {
    for (const c of passed) await c.server.stop();
    throw e;
  } finally {
    await ref.stop();
  }
  return passed;
}

export async function runAbScenario(input: AbScenarioInput, env: AbEnv): Promise<{ head: StrategyResult[]; base: StrategyResult[] }> {
  const { scenario } = input.head;
  const headOut: Side = new Map();
  const baseOut: Side = new Map();
  const headSource = (s: Strategy) => strategySource(scenario.sourceDir ?? scenario.name, s.name);
  const headNames = new Set(input.head.strategies.map((s) => s.name));
  const contenders: Contender[] = [];
  try {
    const headRunnable = runnable(scenario, input.head.strategies, env, headOut, headSource);
    let baseRunnable: Strategy[] = [];
    if (input.base) {
      const bs = input.base.scenario;
      const baseSource = (s: Strategy) => env.base.source(bs, s.name);
      const sameRoute = bs.route.method === scenario.route.method && bs.route.path === scenario.route.path;
      for (const s of input.base.strategies) {
        const info = describeStrategy(bs, s, baseSource(s), env.settings);
        // ab measures what head has; a strategy head removed is listed, not timed.
        if (!headNames.has(s.name))
          baseOut.set(s.name, { ...info, status: 'skipped', reason: 'not in head: ab times only strategies head has' });
        else if (!sameRoute)
          baseOut.set(s.name, {
            ...info,
            status: 'failed',
            reason: `route changed (base ${bs.route.method} ${bs.route.path}, head ${scenario.route.method} ${scenario.route.path}): not comparable`,
            verify: null,
            captured: null,
          });
      }
      baseRunnable = runnable(
        bs,
        input.base.strategies.filter((s) => !baseOut.has(s.name)),
        env,
        baseOut,
        baseSource,
      );
    }
    checkInterrupted();
    await env.step(flushCaches(env.infra.endpoints));
    const samples = scenario.sample(env.info, env.profile.verifySamples, createRng(env.seed ^ 0x7e51));
    // A mixed load writes: every contender, base and head alike, gets its own copy of the data (see runner/isolate.ts).
    const asBase = (s: Strategy): Strategy => ({ ...s, name: `${s.name}${BASE_SUFFIX}` });
    const own = scenario.mix
      ? await env.step(
          isolateStrategies(env.infra.endpoints, scenario.name, [...headRunnable, ...baseRunnable.map(asBase)], env.dataset, env.log),
        )
      : new Map<string, Endpoints>();
    const headEndpoints = (s: Strategy): Endpoints => own.get(s.name) ?? env.infra.endpoints;
    const baseEndpoints = (s: Strategy): Endpoints => own.get(asBase(s).name) ?? env.infra.endpoints;
    const baseContenders = input.base ? await verifyBase(input.base.scenario, baseRunnable, samples, baseEndpoints, env, baseOut) : [];
    contenders.push(...baseContenders);
    const { settings, factsCtx, step, log } = env;
    const verified = await verifyScenario({
      scenario,
      strategies: headRunnable,
      endpoints: env.infra.endpoints,
      endpointsFor: headEndpoints,
      isolated: !!scenario.mix,
      settings,
      samples,
      factsCtx,
      step,
      log,
    });
    const headContenders: Contender[] = [];
    for (const v of verified) {
      if (v.status === 'passed')
        headContenders.push({ strategy: v.strategy, server: v.server, verify: v.outcome, endpoints: headEndpoints(v.strategy) });
      else
        headOut.set(v.strategy.name, {
          ...describeStrategy(scenario, v.strategy, headSource(v.strategy), settings),
          status: 'failed',
          reason: v.reason,
          verify: v.outcome,
          captured: v.outcome?.captured ?? null,
          cost: v.outcome?.cost,
        });
    }
    contenders.push(...headContenders);
    // Base then head of each strategy, adjacent: the runner's rotating round-robin keeps each pair's trials together.
    const order: Contender[] = [];
    for (const s of input.head.strategies) {
      const b = baseContenders.find((c) => c.strategy.name === s.name);
      const h = headContenders.find((c) => c.strategy.name === s.name);
      if (b) order.push({ ...b, strategy: asBase(b.strategy) });
      if (h) order.push(h);
    }
    // The ceiling and the fan-out curve describeStrategy one tree's server stack, not the difference between two commits.
    const profile: Profile = { ...env.profile, ceiling: false, fanoutSec: 0 };
    const measured = await measureScenario(scenario, order, {
      info: env.info,
      profile,
      seed: env.seed,
      log,
      step,
      infra: env.infra,
      // A dead primary ends the whole ab run (exit 3): a gate must not pass on strategies it could not measure.
      checkBackends: () => checkPrimary(env.infra, `while timing ${scenario.name}`),
      // Base and head of a strategy run back to back each round and stop together, once their paired ratio is known.
      groupOf: (label) => (label.endsWith(BASE_SUFFIX) ? label.slice(0, -BASE_SUFFIX.length) : label),
    });
    for (const c of order) {
      const m = measured.strategies.get(c.strategy.name);
      if (!m) continue;
      const isBase = c.strategy.name.endsWith(BASE_SUFFIX);
      const name = isBase ? c.strategy.name.slice(0, -BASE_SUFFIX.length) : c.strategy.name;
      const sc = isBase && input.base ? input.base.scenario : scenario;
      const strategy = { ...c.strategy, name };
      const source = isBase ? env.base.source(sc, name) : headSource(strategy);
      const unreported = isBase ? zeroUnreported(m.levels) : [];
      if (unreported.length)
        log(`${scenario.name}/${name}${BASE_SUFFIX}: the base's server does not report ${unreported.join(', ')}: recorded as 0`);
      const r: StrategyResult = {
        ...describeStrategy(sc, strategy, source, settings),
        status: 'completed',
        verify: c.verify,
        captured: c.verify.captured,
        cost: c.verify.cost,
        levels: m.levels,
        degraded: m.degraded,
        cold: m.cold,
        rate: m.rate,
      };
      (isBase ? baseOut : headOut).set(name, r);
    }
  } finally {
    for (const c of contenders) await c.server.stop();
  }
  const ordered = (side: Side, names: string[]) => names.map((n) => side.get(n)).filter((r): r is StrategyResult => r !== undefined);
  return {
    head: ordered(
      headOut,
      input.head.strategies.map((s) => s.name),
    ),
    base: ordered(
      baseOut,
      (input.base?.strategies ?? []).map((s) => s.name),
    ),
  };
}
