// The pipeline as one programmatic call: infra → seed → serve → verify → load → stats → results.
// The CLI is a thin shell around runBenchmark(); tests call it directly.
import type { Endpoints, InfraProvider, StartedInfra } from '../core/infra.ts';
import { checkInterrupted, untilInterrupted } from '../core/lifecycle.ts';
import type { Ctx, Settings } from '../core/context.ts';
import { datasetRecord, profileRecord } from './describe.ts';
import { datasetInfo, type DatasetInfo } from '../core/dataset.ts';
import type { Dataset } from '../../datasets/generator.ts';
import { isolateStrategies } from './isolate.ts';
import { describeVariants } from './variants.ts';
import { variantSql } from '../core/variants.ts';
import type { VariantRecord } from '../results/variants-schema.ts';
import { seedSelected } from './seed-selected.ts';
import { createRng } from '../core/rng.ts';
import type { Scenario, Strategy } from '../core/scenario.ts';
import { describeDataset, generateDataset, PRESETS } from '../../datasets/index.ts';
import type { Result, StrategyResult } from '../results/schema.ts';
import { datasetFacts, flushCaches, postgresSeedPlan } from '../seed/index.ts';
import { seedCacheRoot } from '../infra/local/seed-cache.ts';
import { createFactsCtx } from '../server/context.ts';
import { verifyScenario } from '../verify/scenario.ts';
import { SteadinessSampler } from './cpu-steadiness.ts';
import { gitInfo, machineInfo, versions } from './environment.ts';
import type { Profile } from './profiles.ts';
import type { Contender } from './contender.ts';
import { measureScenario } from './measure.ts';
import type { Measured } from './contender.ts';
import { coldRequests } from './cold.ts';
import { requestStream } from '../load/stream.ts';
import { loadSelection, needsOf, type Selection } from './selection.ts';
import { BackendDiedError, checkPrimary } from './backend-watch.ts';
import { scenarioResult, StrategyResults } from './strategy-result.ts';
import { setAsideUntimed, tooSlow } from './too-slow.ts';

export type { Selection } from './selection.ts';

export interface RunOptions {
  selection: Selection[];
  profile: Profile;
  seed: number;
  provider: InfraProvider;
  settings?: Partial<Settings>;
  log?: (line: string) => void;
  /**
   * Where seeded PostgreSQL databases are kept for reuse (local provider): a directory, null to seed afresh and keep
   * nothing (--no-seed-cache), or undefined for the default (seedCacheRoot()).
   */
  seedCache?: string | null;
  /** Called with the started infra, e.g. by fault tests that kill a backend mid-run. */
  onInfra?: (infra: StartedInfra) => void;
  /** Awaited at the start of each phase (raced against Ctrl-C), e.g. by tests that deliver a signal inside one. */
  onPhase?: (phase: Phase) => Promise<void> | void;
}

/** The phases of a run as its progress lines name them; `report` is the CLI's, once runBenchmark has returned. */
export type Phase = 'infra' | 'seed' | 'verify' | 'load' | 'report';

const step = untilInterrupted;

/** Awaits the caller's onPhase hook, if there is one; Ctrl-C ends the wait. */
export async function enterPhase(opts: Pick<RunOptions, 'onPhase'>, phase: Phase): Promise<void> {
  if (opts.onPhase) await step(Promise.resolve(opts.onPhase(phase)));
}

export async function runBenchmark(opts: RunOptions): Promise<Result> {
  const log = opts.log ?? (() => {});
  const startedAt = new Date().toISOString();
  const loaded = await Promise.all(opts.selection.map(loadSelection));
  const needs = needsOf(loaded.flatMap((l) => l.strategies));

  log(`infra: starting ${needs.join(', ')} (${opts.provider.name})`);
  await enterPhase(opts, 'infra');
  const cacheDir = opts.seedCache === undefined ? seedCacheRoot() : opts.seedCache;
  // Generated when first needed: a cache hit brings the dataset's facts along, and then only MongoDB needs the rows.
  let generated: Dataset | undefined;
  const dataset = (): Dataset => (generated ??= generateDataset(opts.profile.preset, opts.seed));
  const postgresSeed = postgresSeedPlan(opts.profile.preset, opts.seed, cacheDir, log, () => datasetFacts(dataset()));
  const infra = await step(opts.provider.start(needs, { postgresSeed }));
  try {
    for (const b of infra.backends) log(`infra: ${b.need} ${b.status === 'up' ? `up — ${b.server}` : `unavailable — ${b.reason}`}`);
    opts.onInfra?.(infra);
    checkInterrupted();
    const known = infra.postgresSeeded?.facts;
    const preset = opts.profile.preset;
    const info = known
      ? datasetInfo({
          preset,
          seed: opts.seed,
          counts: known.counts,
          fanout: PRESETS[preset].fanout,
          idleUser: known.idleUser ?? undefined,
        })
      : describeDataset(dataset());
    log(`seed: ${opts.profile.preset} preset, seed ${opts.seed}`);
    await enterPhase(opts, 'seed');
    const seeded = await step(seedSelected(loaded, infra, dataset, preset, log));
    // The processors' steadiness: before the first scenario, briefly before each later one and after the last (pooled).
    const steadiness = new SteadinessSampler(opts.profile, log);
    await step(steadiness.sample(null));
    const facts = await createFactsCtx(infra.endpoints);
    const scenarios: Result['scenarios'] = [];
    const extras: Pick<Result, 'ceiling' | 'dbCeiling' | 'fanout'> = { ceiling: [], dbCeiling: [], fanout: [] };
    const env: ScenarioEnv = { infra, dataset, info, factsCtx: facts.ctx, opts, log, extras };
    let stoppedBy: string | null = null;
    try {
      for (const [i, { scenario, strategies }] of loaded.entries()) {
        checkInterrupted();
        if (i > 0) await step(steadiness.sample(`before ${scenario.name}`));
        const r = await runScenario(scenario, strategies, env);
        scenarios.push({ ...scenarioResult(scenario, opts.profile, r.strategies), ...(r.dbVariants ? { dbVariants: r.dbVariants } : {}) });
      }
      await step(steadiness.sample('after the last scenario'));
    } catch (e) {
      // The scenario under way is left out: its strategies were not all measured against a live server.
      if (!(e instanceof BackendDiedError)) throw e;
      stoppedBy = e.message;
      log(`run: stopped — ${e.message}`);
    } finally {
      await facts.close().catch(() => {});
    }
    // In-process costs, measured after the load (servers stopped) so they do not compete with it for the CPU.
    let micro: Result['micro'] = [];
    if (!stoppedBy && opts.profile.micro && opts.profile.micro !== 'off') {
      checkInterrupted();
      log(`micro: tinybench micro-benchmarks (${opts.profile.micro})`);
      const { runMicro } = await import('../micro/index.ts');
      micro = await step(runMicro({ quick: opts.profile.micro === 'quick' }));
    }
    return {
      schemaVersion: 1,
      runId: `${startedAt}-${process.pid}`,
      startedAt,
      finishedAt: new Date().toISOString(),
      partial: stoppedBy !== null,
      ...(stoppedBy ? { stoppedBy } : {}),
      git: gitInfo(),
      machine: machineInfo(steadiness.result()),
      versions: versions(),
      infra: { provider: infra.provider, reason: infra.reason, backends: infra.backends },
      dataset: datasetRecord(opts.profile, opts.seed, info.counts, seeded),
      profile: profileRecord(opts.profile),
      scenarios,
      ceiling: extras.ceiling,
      dbCeiling: extras.dbCeiling,
      fanout: extras.fanout,
      micro,
    };
  } finally {
    log('infra: stopping');
    await infra.stop();
  }
}

/** What every scenario of a run shares. */
interface ScenarioEnv {
  infra: StartedInfra;
  /** The generated rows, generated on first call (see runBenchmark). */
  dataset: () => Dataset;
  info: DatasetInfo;
  factsCtx: Ctx;
  opts: RunOptions;
  log: (line: string) => void;
  /** Run-level figures that scenarios contribute to. */
  extras: Pick<Result, 'ceiling' | 'dbCeiling' | 'fanout'>;
}

async function runScenario(
  scenario: Scenario,
  strategies: Strategy[],
  env: ScenarioEnv,
): Promise<{ strategies: StrategyResult[]; dbVariants?: VariantRecord[] }> {
  const { infra, dataset, info, factsCtx, opts, log, extras } = env;
  const endpoints = infra.endpoints;
  const results = new StrategyResults({ scenario, settings: opts.settings, log });
  const contenders: Contender[] = [];
  let dbVariants: VariantRecord[] | undefined;
  try {
    const runnable = results.startable(strategies, infra, opts.profile.preset);
    checkInterrupted();
    await checkPrimary(infra, `before ${scenario.name}`);
    // Caches start empty for every scenario: another scenario's entries (or another database copy's) are not ours.
    await step(flushCaches(endpoints));
    const samples = scenario.sample(info, opts.profile.verifySamples, createRng(opts.seed ^ 0x7e51));
    const own =
      scenario.mix || scenario.dbVariants
        ? await step(isolateStrategies(endpoints, scenario.name, runnable, dataset, log, (s) => variantSql(scenario, s.name)))
        : new Map<string, Endpoints>();
    const endpointsFor = (s: Strategy): Endpoints => own.get(s.name) ?? endpoints;
    await enterPhase(opts, 'verify');
    const cold = new Map<string, Measured['cold']>();
    const verified = await verifyScenario({
      onStarted: async (s, server) => {
        // Cold requests are reads, taken before verification writes: a write-only load's have no steady state to match.
        if (opts.profile.coldRequests <= 0 || (scenario.mix?.writeRatio ?? 0) >= 1) return;
        cold.set(
          s.name,
          await coldRequests(server, requestStream(scenario, info, opts.seed ^ 0xc01d, { wire: s.wire }), opts.profile.coldRequests),
        );
        // Verification expects empty caches (its first read of a sample is a miss): forget what the cold requests cached
        // in the server's own memory (verifyScenario empties the cache servers).
        await server.forget();
      },
      scenario,
      strategies: runnable,
      endpoints,
      endpointsFor,
      isolated: !!scenario.mix,
      settings: opts.settings,
      samples,
      factsCtx,
      step,
      log,
    });
    contenders.push(...results.verified(verified, infra.backends, endpointsFor));
    await setAsideSlow(contenders, results, opts.profile);
    if (verified.some((v) => v.status !== 'passed')) await checkPrimary(infra, `while verifying ${scenario.name}`);
    if (scenario.dbVariants) {
      const passed = contenders.map((c) => c.strategy);
      dbVariants = await step(describeVariants({ scenario, strategies: passed, endpointsFor, info, seed: opts.seed, log }));
    }
    await enterPhase(opts, 'load');
    const measured = await measureScenario(scenario, contenders, {
      info,
      profile: opts.profile,
      seed: opts.seed,
      log,
      step,
      infra,
      cold,
      checkBackends: () => checkPrimary(infra, `while timing ${scenario.name}`),
    });
    extras.ceiling.push(...measured.ceiling);
    extras.dbCeiling.push(...measured.dbCeiling);
    extras.fanout.push(...measured.fanout);
    for (const c of contenders) {
      const m = measured.strategies.get(c.strategy.name);
      if (m) results.complete(c, m);
    }
  } finally {
    // All at once: each waits for its process to exit (pools closed), and nothing measures meanwhile.
    await Promise.all(contenders.map((c) => c.server.stop()));
  }
  return { strategies: results.inOrder(strategies), dbVariants };
}

/** Verified strategies too slow for the profile's rounds (its slowRequestSec) leave the contenders, recorded untimed. */
async function setAsideSlow(contenders: Contender[], results: StrategyResults, profile: Profile): Promise<void> {
  for (const c of [...contenders]) {
    const why = tooSlow(c, profile);
    if (why !== null) await setAsideUntimed(contenders, c, results, why);
  }
}
