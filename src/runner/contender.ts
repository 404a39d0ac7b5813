// A strategy that passed verification, with its server still up: what the timing rounds (measure.ts, trial-run.ts)
// are given, by `run`, `ab` and `calibrate` alike.
import type { Endpoints } from '../core/infra.ts';
import type { Strategy } from '../core/scenario.ts';
import type { StrategyServer } from '../server/spawn.ts';
import type { VerifyOutcome } from '../verify/verify.ts';

export interface Contender {
  strategy: Strategy;
  server: StrategyServer;
  verify: VerifyOutcome;
  /** The endpoints this strategy's server uses (its own databases under a mixed load). */
  endpoints: Endpoints;
}
