// What the timing (measure.ts, rounds.ts, trial-run.ts) is given and gives back, by `run`, `ab` and `calibrate` alike: a
// contender is a strategy that passed verification, with its server still up.
import type { DatasetInfo } from '../core/dataset.ts';
import type { Endpoints, StartedInfra } from '../core/infra.ts';
import type { Strategy } from '../core/scenario.ts';
import type { StrategyServer } from '../server/spawn.ts';
import type { VerifyOutcome } from '../verify/verify.ts';
import type { LoadLevel, Result, Trial } from '../results/schema.ts';
import type { Profile } from './profiles.ts';

export interface Contender {
  strategy: Strategy;
  server: StrategyServer;
  verify: VerifyOutcome;
  /** The endpoints this strategy's server uses (its own databases under a mixed load). */
  endpoints: Endpoints;
}

export interface Measured {
  levels: LoadLevel[];
  degraded: string | null;
  cold: { requests: number; latencyUs: Trial['latencyUs'] } | null;
  rate: RateOutcome | null;
}

type RateOutcome = Extract<Result['scenarios'][number]['strategies'][number], { status: 'completed' }>['rate'];

export interface ScenarioMeasurement {
  strategies: Map<string, Measured>;
  ceiling: Result['ceiling'];
  dbCeiling: Result['dbCeiling'];
  fanout: Result['fanout'];
}

export type Step = <T>(p: Promise<T>) => Promise<T>;

export interface MeasureEnv {
  info: DatasetInfo;
  profile: Profile;
  seed: number;
  log: (line: string) => void;
  step: Step;
  /** The started infra: the CPU of database and cache servers per trial (where the provider can see it). */
  infra?: Pick<StartedInfra, 'endpoints' | 'cpuMicros'>;
  /** Each strategy's cold requests, timed when its server started (src/runner/cold.ts). */
  cold?: Map<string, Measured['cold']>;
  /** Called when a trial saw failures: throws (ending the run) when a backend every strategy needs has died. */
  checkBackends?: () => Promise<void>;
  /**
   * Runners with the same key form a group (`ab`: a strategy at base and at head): a group's trials run back to back
   * in every round, its order flipping each round, and it leaves the rounds together, once the ratio of its two
   * members' paired trials is known to the precision target.
   */
  groupOf?: (label: string) => string;
}
