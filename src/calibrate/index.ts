// `accessbench calibrate`: how far the regression gate can be trusted on this machine and profile. Repeats, N times,
// an A/A comparison (every strategy against a second server of itself, trials paired round by round as `ab` pairs
// base and head) and an A/B comparison in which one strategy's head carries a known added cost (CPU work in its
// server, src/calibrate/added-cost.ts). Prints how often A/A raised a false regression, how often A/B caught the
// added cost, and the smallest effect the gate can be expected to catch in 9 runs of 10.
//
// The databases are started and seeded once; every pass starts fresh strategy servers. A pass is what one `ab` run
// measures, without the base commit's checkout: both sides run this tree's code, so the only difference between them
// is the one put there on purpose.
import type { Settings } from '../core/context.ts';
import type { InfraProvider, StartedInfra } from '../core/infra.ts';
import { checkInterrupted, untilInterrupted } from '../core/lifecycle.ts';
import { createRng } from '../core/rng.ts';
import type { Scenario, Strategy } from '../core/scenario.ts';
import { ConfigError } from '../core/errors.ts';
import { describeDataset, generateDataset } from '../../datasets/index.ts';
import { asBase, asProcess, BASE_SUFFIX, pairOf } from '../ab/pair.ts';
import { mergeProcesses, perProcess } from '../ab/processes.ts';
import { compareLevel, eachConfidence, PROCESS_SPREAD } from '../compare/compare.ts';
import { normalQuantile } from '../stats/normal.ts';
import { excessOf, gateSpread } from '../compare/process-spread.ts';
import type { LoadLevel } from '../results/schema.ts';
import type { Contender } from '../runner/contender.ts';
import { measureScenario } from '../runner/measure.ts';
import { loadSelection, needsOf } from '../runner/selection.ts';
import type { Profile } from '../runner/profiles.ts';
import { flushCaches, seedBackends } from '../seed/index.ts';
import { createFactsCtx } from '../server/context.ts';
import { startStrategyServer } from '../server/spawn.ts';
import { runSteadiness } from '../runner/cpu-steadiness.ts';
import { steadinessLine, type CpuSteadiness } from '../stats/steadiness.ts';
import { median } from '../stats/summary.ts';
import { verifyScenario } from '../verify/scenario.ts';
import type { VerifyOutcome } from '../verify/verify.ts';

export interface CalibrateOptions {
  scenario: string;
  strategies: string[];
  /** The strategy that carries the added cost in the A/B passes. */
  target: string;
  /** The added cost, relative to the target's CPU per request (app + database + cache + load generator): 0.15. */
  effect: number;
  runs: number;
  threshold: number;
  /** Timed figures the gate judges together (each at eachConfidence(figures)), as in the `ab` this calibrates. */
  figures: number;
  /** As CompareOptions.processSpread (undefined: the default). */
  processSpread?: number;
  /** Server processes a side per strategy, as in `ab --processes` (default 1). */
  processes?: number;
  profile: Profile;
  seed: number;
  provider: InfraProvider;
  settings?: Partial<Settings>;
  log?: (line: string) => void;
}

export interface PassOutcome {
  kind: 'A/A' | 'A/B';
  run: number;
  /**
   * Per strategy: the req/s and p99 ratios head/base, whether the gate called it a regression, and each side's trials
   * round by round (req/s, p99 ms), so that another reading of the same rounds can be checked against this one.
   */
  strategies: Array<{
    strategy: string;
    rpsRatio: number;
    rpsLow: number;
    rpsHigh: number;
    p99Ratio: number;
    regression: boolean;
    /** [req/s, p99 ms, server process (from 1; absent: 1)] per trial. */
    trials: { base: Array<[number, number, number?]>; head: Array<[number, number, number?]> };
  }>;
}

const figures = (t: LoadLevel['trials'][number]): [number, number, number] => [t.rps, t.latencyUs.p99 / 1000, t.process ?? 1];

export interface Calibration {
  scenario: string;
  target: string;
  effect: number;
  addedCpuMicros: number;
  threshold: number;
  profile: string;
  passes: PassOutcome[];
  /** Timed figures judged together in the `ab` this mirrors, and the confidence each is judged at. */
  figures: number;
  eachConfidence: number;
  /** The between-process spread the gate used, and the one these A/A passes measured (null: too few passes). */
  processSpread: number;
  measuredProcessSpread: number | null;
  /** Server processes a side per strategy in every pass. */
  processes: number;
  /** A/A passes with any regression flagged, of all A/A passes. */
  falseRegressionRate: number;
  /** A/B passes in which the target was flagged, of all A/B passes. */
  detectionRate: number;
  /** The target's median observed req/s ratio under the added cost (e.g. 0.87). */
  observedEffect: number;
  /** Spread of the A/A req/s ratios (standard deviation of their logs), and the smallest effect caught 9 times of 10. */
  aaSpread: number;
  smallestDetectable: number;
  /** How steady the processors were before the passes (src/runner/cpu-steadiness.ts); null: not measured. */
  cpuSteadiness: CpuSteadiness | null;
}

const step = untilInterrupted;

export async function runCalibration(opts: CalibrateOptions): Promise<Calibration> {
  const log = opts.log ?? (() => {});
  if (!opts.strategies.includes(opts.target))
    throw new ConfigError(`--target ${opts.target} is not among the calibrated strategies (${opts.strategies.join(', ')})`);
  if (opts.strategies.length === 0) throw new ConfigError('calibrate needs at least one strategy');
  const { scenario, strategies } = await loadSelection({ scenario: opts.scenario, strategies: opts.strategies });
  if (scenario.mix) throw new ConfigError(`calibrate measures read scenarios; ${scenario.name} writes`);
  const needs = needsOf(strategies);
  log(`infra: starting ${needs.join(', ')} (${opts.provider.name})`);
  const infra = await step(opts.provider.start(needs));
  try {
    const missing = infra.backends.filter((b) => b.status !== 'up');
    if (missing.length > 0)
      throw new ConfigError(`calibrate needs every backend up: ${missing.map((b) => `${b.need}: ${b.reason}`).join('; ')}`);
    const dataset = generateDataset(opts.profile.preset, opts.seed);
    const info = describeDataset(dataset);
    await step(seedBackends(infra.endpoints, dataset, log));
    const cpuSteadiness = await step(runSteadiness(opts.profile, log));
    const facts = await createFactsCtx(infra.endpoints);
    try {
      await flushCaches(infra.endpoints);
      const samples = scenario.sample(info, opts.profile.verifySamples, createRng(opts.seed ^ 0x7e51));
      const verified = await verifyScenario({
        scenario,
        strategies,
        endpoints: infra.endpoints,
        samples,
        factsCtx: facts.ctx,
        step,
        log,
        settings: opts.settings,
      });
      for (const v of verified) if (v.status === 'passed') await v.server.stop();
      const failed = verified.filter((v) => v.status !== 'passed');
      if (failed.length > 0)
        throw new ConfigError(`calibrate needs strategies that pass verification: ${failed.map((v) => v.strategy.name).join(', ')} failed`);
      const outcome = new Map(verified.map((v) => [v.strategy.name, v.outcome as VerifyOutcome]));
      const ctx: PassCtx = { scenario, strategies, outcome, infra, info, opts, log };
      return { ...(await calibrate(ctx)), cpuSteadiness };
    } finally {
      await facts.close();
    }
  } finally {
    log('infra: stopping');
    await infra.stop();
  }
}

interface PassCtx {
  scenario: Scenario;
  strategies: Strategy[];
  outcome: Map<string, VerifyOutcome>;
  infra: StartedInfra;
  info: ReturnType<typeof describeDataset>;
  opts: CalibrateOptions;
  log: (line: string) => void;
}

async function calibrate(ctx: PassCtx): Promise<Omit<Calibration, 'cpuSteadiness'>> {
  const { opts, log } = ctx;
  const passes: PassOutcome[] = [];
  let addedCpuMicros = 0;
  for (let run = 1; run <= opts.runs; run++) {
    checkInterrupted();
    const aa = await pass(ctx, 'A/A', run, 0);
    passes.push(aa.outcome);
    if (addedCpuMicros === 0) {
      // The cost to add, from the first A/A pass: `effect` of everything the target's requests cost the machine.
      addedCpuMicros = Math.max(1, Math.round(opts.effect * aa.targetCpuMicros));
      log(
        `calibrate: ${opts.target} costs ${aa.targetCpuMicros.toFixed(0)} µs CPU per request; A/B adds ${addedCpuMicros} µs (${(opts.effect * 100).toFixed(0)} %)`,
      );
    }
    checkInterrupted();
    passes.push((await pass(ctx, 'A/B', run, addedCpuMicros)).outcome);
    log(`calibrate: run ${run}/${opts.runs} done`);
  }
  return summarize(ctx, passes, addedCpuMicros);
}

async function pass(
  ctx: PassCtx,
  kind: PassOutcome['kind'],
  run: number,
  addedCpuMicros: number,
): Promise<{ outcome: PassOutcome; targetCpuMicros: number }> {
  const { scenario, strategies, opts, infra, log } = ctx;
  const contenders: Contender[] = [];
  const processes = opts.processes ?? 1;
  try {
    // Base and head of process 1, of process 2, …: the order `ab` times them in (src/ab/processes.ts).
    for (const s of strategies) {
      for (let k = 1; k <= processes; k++) {
        for (const side of ['base', 'head'] as const) {
          const cost = side === 'head' && s.name === opts.target && addedCpuMicros > 0 ? { cpuMicros: addedCpuMicros } : undefined;
          const settings: Partial<Settings> = { ...opts.settings, ...(cost ? { calibration: { [s.name]: cost } } : {}) };
          const server = await step(
            startStrategyServer({ scenario: scenario.name, strategy: s.name, endpoints: infra.endpoints, settings }),
          );
          contenders.push({
            strategy: asProcess(side === 'base' ? asBase(s) : s, k),
            server,
            verify: ctx.outcome.get(s.name) as VerifyOutcome,
            endpoints: infra.endpoints,
          });
        }
      }
    }
    const profile: Profile = {
      ...opts.profile,
      ceiling: false,
      fanoutSec: 0,
      coldRequests: 0,
      rate: undefined,
      ...perProcess(opts.profile, processes),
    };
    log(`calibrate: run ${run} ${kind}${addedCpuMicros ? ` (+${addedCpuMicros} µs CPU in ${opts.target})` : ''}`);
    const timing = await measureScenario(scenario, contenders, {
      info: ctx.info,
      profile,
      seed: opts.seed,
      log: () => {},
      step,
      infra,
      groupOf: pairOf,
    });
    const merged = mergeProcesses(timing.strategies, profile.precision);
    const level = (name: string): LoadLevel | undefined => merged.get(name)?.levels[0];
    const out: PassOutcome = { kind, run, strategies: [] };
    // As `ab` judges: with the larger of the assumed spread and the one measured between this pass's processes.
    const spread = gateSpread(
      [...merged.values()].flatMap((m) => m.levels.slice(0, 1)),
      opts.processSpread ?? PROCESS_SPREAD,
    ).used;
    for (const s of strategies) {
      const b = level(asBase(s).name);
      const h = level(s.name);
      if (!b || !h) continue;
      const c = compareLevel(b, h, opts.threshold, true, eachConfidence(opts.figures), spread);
      if (typeof c === 'string') {
        log(`calibrate: ${s.name}: ${c}`);
        continue;
      }
      out.strategies.push({
        strategy: s.name,
        rpsRatio: c.rps.ratio.estimate,
        rpsLow: c.rps.ratio.low,
        rpsHigh: c.rps.ratio.high,
        p99Ratio: c.p99.ratio.estimate,
        regression: c.rps.regression || c.p99.regression,
        trials: { base: b.trials.map(figures), head: h.trials.map(figures) },
      });
      log(
        `calibrate: run ${run} ${kind} ${s.name}: req/s ×${c.rps.ratio.estimate.toFixed(3)} [${c.rps.ratio.low.toFixed(3)}, ${c.rps.ratio.high.toFixed(3)}], ` +
          `p99 ×${c.p99.ratio.estimate.toFixed(3)}${c.rps.regression || c.p99.regression ? ' — REGRESSION' : ''}`,
      );
    }
    const t = level(`${opts.target}${BASE_SUFFIX}`);
    const cpu = t ? median(t.trials.flatMap((x) => (x.server ? [cpuPerRequest(x.server)] : []))) : 0;
    return { outcome: out, targetCpuMicros: cpu };
  } finally {
    for (const c of contenders) await c.server.stop();
  }
}

function cpuPerRequest(s: NonNullable<LoadLevel['trials'][number]['server']>): number {
  return s.cpuMicrosPerRequest + (s.dbCpuMicrosPerRequest ?? 0) + (s.cacheCpuMicrosPerRequest ?? 0) + (s.loadCpuMicrosPerRequest ?? 0);
}

function summarize(ctx: PassCtx, passes: PassOutcome[], addedCpuMicros: number): Omit<Calibration, 'cpuSteadiness'> {
  const { opts } = ctx;
  const aa = passes.filter((p) => p.kind === 'A/A');
  const ab = passes.filter((p) => p.kind === 'A/B');
  const targetOf = (p: PassOutcome) => p.strategies.find((s) => s.strategy === opts.target);
  const logs = aa.flatMap((p) => p.strategies.map((s) => Math.log(s.rpsRatio)));
  const sd = logs.length > 1 ? Math.sqrt(logs.reduce((a, x) => a + x * x, 0) / (logs.length - 1)) : 0;
  const observed = ab.flatMap((p) => (targetOf(p) ? [(targetOf(p) as { rpsRatio: number }).rpsRatio] : []));
  return {
    scenario: opts.scenario,
    target: opts.target,
    effect: opts.effect,
    addedCpuMicros,
    threshold: opts.threshold,
    profile: opts.profile.name,
    passes,
    falseRegressionRate: aa.length ? aa.filter((p) => p.strategies.some((s) => s.regression)).length / aa.length : 0,
    detectionRate: ab.length ? ab.filter((p) => targetOf(p)?.regression).length / ab.length : 0,
    observedEffect: observed.length ? median(observed) : Number.NaN,
    aaSpread: sd,
    figures: opts.figures,
    eachConfidence: eachConfidence(opts.figures),
    processSpread: opts.processSpread ?? PROCESS_SPREAD,
    processes: opts.processes ?? 1,
    measuredProcessSpread: measureProcessSpread(aa),
    // A drop is flagged once its estimate is beyond the threshold and its interval (at the family's per-figure
    // confidence, z standard errors wide on each side) excludes no change. With A/A ratios spread by σ (in logs, the
    // estimate's standard error), an effect caught 9 times of 10 lies 1.28 σ beyond the larger of the two bars.
    smallestDetectable:
      1 - Math.exp(Math.min(Math.log(1 - opts.threshold), -normalQuantile(1 - (1 - eachConfidence(opts.figures)) / 2) * sd) - 1.2816 * sd),
  };
}

/**
 * The spread between two server processes of the same code, from the A/A passes (fresh servers each): every A/A
 * estimate's square is, on average, its within-pass variance (the rounds' noise, sd²/n of the per-round log-ratios)
 * plus the between-process variance. Their mean difference estimates the latter.
 */
export function measureProcessSpread(aa: PassOutcome[]): number | null {
  const excess: number[] = [];
  // Base and head of the same process number ran the same code: each such pair of processes is one estimate.
  for (const p of aa)
    for (const s of p.strategies) {
      const processes = Math.max(1, ...s.trials.base.map(([, , k]) => k ?? 1));
      for (let k = 1; k <= processes; k++) {
        const b = s.trials.base.filter(([, , j]) => (j ?? 1) === k);
        const h = s.trials.head.filter(([, , j]) => (j ?? 1) === k);
        const e = excessOf(b.slice(0, h.length).map(([x], i) => Math.log((h[i]?.[0] ?? x) / x)));
        if (e !== null) excess.push(e);
      }
    }
  if (excess.length < 3) return null;
  return Math.sqrt(Math.max(0, excess.reduce((a, x) => a + x, 0) / excess.length));
}

/** Which `ab` judges that many figures: req/s and p99 of each strategy it compares. */
function gatedBy(figures: number): string {
  if (figures === 2) return 'one strategy (--strategy NAME)';
  return figures % 2 === 0 ? `${figures / 2} strategies` : `${figures} figures`;
}

export function renderCalibration(c: Calibration): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
  const aa = c.passes.filter((p) => p.kind === 'A/A').length;
  const ab = c.passes.filter((p) => p.kind === 'A/B').length;
  return [
    `calibration — ${c.scenario}, profile ${c.profile}, threshold ${pct(c.threshold)}, ${aa} A/A and ${ab} A/B passes`,
    `  each figure judged at ${pct(c.eachConfidence)}: ${c.figures} figures held together at 95 %, as \`ab\` judges ${gatedBy(c.figures)}`,
    `  between-process spread: the gate used at least σ ${pct(c.processSpread)} (more where a pass measured more), ${c.processes} process${c.processes === 1 ? '' : 'es'} a side; these A/A passes measured ${c.measuredProcessSpread === null ? 'nothing (too few passes)' : `σ ${pct(c.measuredProcessSpread)}`} (\`--process-spread\`)`,
    `  false regressions (A/A, any strategy flagged):  ${Math.round(c.falseRegressionRate * aa)} of ${aa} (${pct(c.falseRegressionRate)})`,
    `  detection (A/B, ${c.target} +${c.addedCpuMicros} µs CPU = +${pct(c.effect)} cost): ${Math.round(c.detectionRate * ab)} of ${ab} (${pct(c.detectionRate)}); observed req/s ×${c.observedEffect.toFixed(3)}`,
    `  A/A spread of req/s ratios: σ = ${pct(c.aaSpread)}; smallest req/s drop caught 9 times of 10 ≈ ${pct(c.smallestDetectable)}`,
    `  processors: ${c.cpuSteadiness ? steadinessLine(c.cpuSteadiness) : 'steadiness not measured'}`,
  ].join('\n');
}
