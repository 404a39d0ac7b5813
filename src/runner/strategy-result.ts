// What a result says about each strategy of a scenario, for `run` and for each side of `ab` alike: skipped before it
// started (a backend is down, or the server has a known limit), failed (its server did not start, or verification
// failed), or completed with its figures. Kept by name, given back in the scenario's order.
import type { Settings } from '../core/context.ts';
import type { Endpoints, StartedInfra } from '../core/infra.ts';
import { strategySource } from '../core/registry.ts';
import type { Scenario, Strategy } from '../core/scenario.ts';
import type { Result, StrategyResult } from '../results/schema.ts';
import type { Verified } from '../verify/scenario.ts';
import type { VerifyOutcome } from '../verify/verify.ts';
import type { Contender } from './contender.ts';
import { describeStrategy } from './describe.ts';
import { serverCannot, unsupportedReason } from './limits.ts';
import type { Measured } from './contender.ts';
import type { Profile } from './profiles.ts';
import { writeLoadOf, writeRecord } from './write-load.ts';

export interface StrategyResultsOptions {
  scenario: Scenario;
  settings: Partial<Settings> | undefined;
  log: (line: string) => void;
  /** A strategy's source file as the tree it runs from has it (`ab`'s base: the base worktree); default: this tree. */
  source?: (name: string) => { path: string; text: string };
  /** Appended to strategy names in log lines (`ab`: "@base"). */
  tag?: string;
}

export class StrategyResults {
  private readonly byName = new Map<string, StrategyResult>();
  private readonly scenario: Scenario;
  private readonly opts: StrategyResultsOptions;

  constructor(opts: StrategyResultsOptions) {
    this.scenario = opts.scenario;
    this.opts = opts;
  }

  /** The fields every result of this strategy carries, whatever its status. */
  describe(s: Strategy): ReturnType<typeof describeStrategy> {
    const sc = this.scenario;
    const source = this.opts.source?.(s.name) ?? strategySource(sc.sourceDir ?? sc.name, s.name);
    return describeStrategy(sc, s, source, this.opts.settings);
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  skip(s: Strategy, reason: string): void {
    this.byName.set(s.name, { ...this.describe(s), status: 'skipped', reason });
  }

  /** Verified, so its exact costs stand, but not timed (the reason says why). */
  untimed(c: Contender, reason: string): void {
    this.say(c.strategy, `verified, not timed — ${reason}`);
    this.byName.set(c.strategy.name, {
      ...this.describe(c.strategy),
      status: 'skipped',
      reason: `verified, not timed: ${reason}`,
      verify: { samples: c.verify.samples, problems: c.verify.problems },
      captured: c.verify.captured,
      cost: c.verify.cost,
    });
  }

  fail(s: Strategy, reason: string, outcome: VerifyOutcome | null = null): void {
    this.byName.set(s.name, {
      ...this.describe(s),
      status: 'failed',
      reason,
      verify: outcome,
      captured: outcome?.captured ?? null,
      cost: outcome?.cost,
    });
  }

  complete(c: Contender, m: Measured): void {
    this.byName.set(c.strategy.name, {
      ...this.describe(c.strategy),
      status: 'completed',
      verify: c.verify,
      captured: c.verify.captured,
      cost: c.verify.cost,
      levels: m.levels,
      degraded: m.degraded,
      cold: m.cold,
      rate: m.rate,
    });
  }

  /**
   * The strategies that can be started: the others are recorded as skipped, with the reason — a backend they need
   * is not up, or a known limit of the server (src/runner/limits.ts) would make their figures wrong.
   */
  startable(strategies: Strategy[], infra: Pick<StartedInfra, 'endpoints' | 'backends'>, preset: string): Strategy[] {
    const out: Strategy[] = [];
    for (const s of strategies) {
      const missing = s.needs.filter((n) => !infra.endpoints[n]);
      const limit = missing.length === 0 ? unsupportedReason(s, this.scenario, infra.backends, preset) : null;
      if (limit) {
        this.say(s, `skipped — ${limit}`);
        this.skip(s, limit);
        continue;
      }
      if (missing.length === 0) {
        out.push(s);
        continue;
      }
      const why = missing.map((n) => `${n}: ${infra.backends.find((b) => b.need === n)?.reason ?? 'not started'}`).join('; ');
      this.say(s, `skipped — ${why}`);
      this.skip(s, `needs ${missing.join(', ')} — ${why}`);
    }
    return out;
  }

  /**
   * Verification's outcome: the strategies that passed, as contenders (their servers stay up); the others recorded
   * as failed, or as skipped when the server lacks an operator the technique needs (e.g. $lookup on FerretDB).
   */
  verified(verified: Verified[], backends: StartedInfra['backends'], endpointsFor: (s: Strategy) => Endpoints): Contender[] {
    const out: Contender[] = [];
    for (const v of verified) {
      const cannot = v.status === 'failed' ? serverCannot(v.strategy, v.outcome?.problems ?? null, backends) : null;
      if (v.status === 'passed')
        out.push({ strategy: v.strategy, server: v.server, verify: v.outcome, endpoints: endpointsFor(v.strategy) });
      else if (cannot) {
        // Not the strategy's fault: the server cannot execute it.
        this.say(v.strategy, 'skipped — the server cannot execute it');
        this.skip(v.strategy, `the server cannot execute it: ${cannot}`);
      } else this.fail(v.strategy, v.reason, v.outcome);
    }
    return out;
  }

  /** The results of these strategies, in their order (a strategy with none, e.g. cut short by a dead backend, is left out). */
  inOrder(strategies: readonly Strategy[]): StrategyResult[] {
    return strategies.map((s) => this.byName.get(s.name)).filter((r): r is StrategyResult => r !== undefined);
  }

  private say(s: Strategy, what: string): void {
    this.opts.log(`${this.scenario.name}/${s.name}${this.opts.tag ?? ''}: ${what}`);
  }
}

/** A scenario's entry in a result: what it serves, and its strategies' results. */
export function scenarioResult(scenario: Scenario, profile: Profile, strategies: StrategyResult[]): Result['scenarios'][number] {
  const writeRatio = writeLoadOf(scenario, profile).ratio;
  const route = writeRatio >= 1 && scenario.writes ? scenario.writes.route : scenario.route;
  return {
    name: scenario.name,
    summary: scenario.summary,
    // A write-only load is named by its write's route (its read serves verification only).
    route: `${route.method} ${route.path}`,
    reference: scenario.reference,
    ...writeRecord(writeLoadOf(scenario, profile)),
    ...(scenario.connections ? { connections: scenario.connections } : {}),
    strategies,
  };
}
