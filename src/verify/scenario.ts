// Verifies a scenario's strategies against its reference, each in its own server process. Used by the runner before
// timing (the servers that pass are kept for measurement) and by the tests.
import type { Ctx, Settings } from '../core/context.ts';
import { InterruptedError } from '../core/errors.ts';
import type { Endpoints } from '../core/infra.ts';
import { loadStrategy } from '../core/registry.ts';
import type { RawParams, Scenario, Strategy } from '../core/scenario.ts';
import { flushCachesOf } from '../seed/index.ts';
import { startStrategyServer, type StrategyServer, type TraceReply } from '../server/spawn.ts';
import { verifyStrategy, type VerifyOutcome } from './verify.ts';

export type Verified =
  | { strategy: Strategy; status: 'passed'; server: StrategyServer; outcome: VerifyOutcome }
  | { strategy: Strategy; status: 'failed'; reason: string; outcome: VerifyOutcome | null };

export interface VerifyScenarioOptions {
  scenario: Scenario;
  strategies: Strategy[];
  endpoints: Endpoints;
  /** Per-strategy endpoints (a mixed load gives each strategy its own copy of the data). */
  endpointsFor?: (strategy: Strategy) => Endpoints;
  /** Each strategy has its own copy of the data: its write path is verified too (src/verify/write.ts). */
  isolated?: boolean;
  settings?: Partial<Settings>;
  samples: RawParams[];
  factsCtx: Ctx;
  /**
   * Called with each strategy's server right after it started, before verification sends it anything: the runner
   * times the first requests of a fresh server process here (cold JIT, empty pools, unprepared statements).
   */
  onStarted?: (strategy: Strategy, server: StrategyServer) => Promise<void>;
  /** Wraps each long step, e.g. to race it against Ctrl-C. */
  step?: <T>(p: Promise<T>) => Promise<T>;
  log?: (line: string) => void;
  /**
   * Another checkout whose code the servers run (`ab`'s base worktree: its src/server/main.ts, its strategies, its
   * reference); by default this one.
   */
  root?: string;
  /** Appended to strategy names in log lines (`ab`: "@base"). */
  tag?: string;
  /** The error to throw when the reference's server does not start (`ab`: the base's server protocol differs). */
  referenceFailed?: (e: Error) => Error;
}

/** Servers started at once ahead of verification (one per core here). */
const STARTS_AHEAD = 2;

export async function verifyScenario(opts: VerifyScenarioOptions): Promise<Verified[]> {
  const step = opts.step ?? (<T>(p: Promise<T>) => p);
  const log = opts.log ?? (() => {});
  const { scenario, endpoints, root } = opts;
  const settings = opts.settings ?? {};
  // In this checkout the reference is loaded first, so that a scenario naming no strategy of its own fails here.
  const reference = root ? scenario.reference : (await loadStrategy(scenario.name, scenario.reference)).strategy.name;
  const refStart = step(startStrategyServer({ scenario: scenario.name, strategy: reference, endpoints, settings }, undefined, root));
  // The first strategies' servers start beside it (launch, below); they are stopped if it fails.
  refStart.catch(() => {});
  const refReplies = new Map<string, Promise<TraceReply>>();
  const referenceReply = (path: string): Promise<TraceReply> => {
    if (!refReplies.has(path)) refReplies.set(path, refServer.trace('GET', path));
    return refReplies.get(path) as Promise<TraceReply>;
  };
  const out: Verified[] = [];
  const endpointsOf = (strategy: Strategy): Endpoints => opts.endpointsFor?.(strategy) ?? endpoints;
  const start = (strategy: Strategy): Promise<StrategyServer> =>
    step(
      startStrategyServer(
        { scenario: scenario.name, strategy: strategy.name, endpoints: endpointsOf(strategy), settings },
        undefined,
        root,
      ),
    );
  // Servers start STARTS_AHEAD at a time, while the one before them is verified: a start is mostly the child's own
  // module loading, which the two cores share (starting them one after the other left verification waiting on each).
  // Never during the cold requests, which are timed: those wait until every server already starting is up.
  const launched = new Map<number, Promise<StrategyServer>>();
  const launch = (from: number): void => {
    for (let j = from; j < Math.min(from + STARTS_AHEAD, opts.strategies.length); j++) {
      if (launched.has(j)) continue;
      const p = start(opts.strategies[j] as Strategy);
      // Awaited in its turn; until then a failure is held there, not unhandled.
      p.catch(() => {});
      launched.set(j, p);
    }
  };
  const startingAfter = (i: number): Array<Promise<unknown>> => [...launched].filter(([j]) => j > i).map(([, p]) => p);
  launch(0);
  const refServer = await refStart.catch(async (e: Error) => {
    for (const p of launched.values()) await p.then((s) => s.stop()).catch(() => {});
    throw e instanceof InterruptedError || !opts.referenceFailed ? e : opts.referenceFailed(e);
  });
  try {
    for (const [i, strategy] of opts.strategies.entries()) {
      let server: StrategyServer;
      if (!launched.has(i)) launch(i);
      const pending = launched.get(i) as Promise<StrategyServer>;
      launched.delete(i);
      try {
        server = await pending;
      } catch (e) {
        if (e instanceof InterruptedError) throw e;
        out.push({ strategy, status: 'failed', reason: (e as Error).message, outcome: null });
        continue;
      }
      let outcome: VerifyOutcome;
      try {
        if (opts.onStarted) {
          await step(Promise.allSettled(startingAfter(i)));
          await step(opts.onStarted(strategy, server));
        }
        if (startingAfter(i).length === 0) launch(i + 1);
        // Its first read of a sample must be a miss: empty the cache servers it uses, whatever the strategies verified
        // before it (in `ab`, the base's server of the same strategy, with the same keys) or its cold requests left.
        await step(flushCachesOf(strategy, endpointsOf(strategy)));
        outcome = await step(
          verifyStrategy({
            scenario,
            strategy,
            server,
            samples: opts.samples,
            reference: referenceReply,
            factsCtx: opts.factsCtx,
            writes: opts.isolated,
          }),
        );
      } catch (e) {
        const alive = server.isRunning();
        await server.stop();
        if (e instanceof InterruptedError) throw e;
        // A request that errs or times out fails this strategy, never the run.
        const died = alive ? '' : ' (its server process died)';
        out.push({ strategy, status: 'failed', reason: `verification could not complete${died}: ${(e as Error).message}`, outcome: null });
        continue;
      }
      const fails = outcome.problems.filter((p) => p.severity === 'fail');
      log(
        `${scenario.name}/${strategy.name}${opts.tag ?? ''}: verify ${fails.length === 0 ? 'ok' : `FAILED (${fails.length} problems; first: ${fails[0]?.params} ${fails[0]?.message})`}`,
      );
      if (fails.length === 0) {
        out.push({ strategy, status: 'passed', server, outcome });
      } else {
        await server.stop();
        out.push({ strategy, status: 'failed', reason: `verification failed: ${fails[0]?.message} (params ${fails[0]?.params})`, outcome });
      }
    }
  } catch (e) {
    for (const v of out) if (v.status === 'passed') await v.server.stop();
    // Servers started ahead of their turn.
    for (const p of launched.values()) await p.then((s) => s.stop()).catch(() => {});
    throw e;
  } finally {
    await refServer.stop();
  }
  return out;
}
