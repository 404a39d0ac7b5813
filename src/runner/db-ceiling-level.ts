// The database ceiling at one load level, measured once per round of interleaved trials (so that drift of a shared
// machine hits it as it hits the strategies), and the runs combined into one record.
import { checkInterrupted } from '../core/lifecycle.ts';
import { measureDbCeiling, type DbCeiling, type DbCeilingOptions } from './db-ceiling.ts';

/**
 * One record from several runs of the same ceiling (e.g. one per round of interleaved trials, so drift of a shared
 * machine hits it as it hits the strategies): tps is the median run's, latency the statement-weighted mean, and p50/p99
 * the median of the runs' own (not a merged percentile), when every run has them.
 */
export function combineDbCeilings(runs: readonly DbCeiling[]): DbCeiling {
  const first = runs[0];
  if (!first) throw new Error('combineDbCeilings needs at least one run');
  const median = (xs: number[]): number => {
    const s = [...xs].sort((a, b) => a - b);
    const mid = Math.floor(s.length / 2);
    return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
  };
  const pct = (pick: (c: DbCeiling) => number | null): number | null => {
    const xs = runs.map(pick);
    return xs.every((x) => x !== null) ? median(xs as number[]) : null;
  };
  const statements = runs.reduce((n, c) => n + c.statements, 0);
  const trials = runs.flatMap((c) => (c.trials.length > 0 ? c.trials : [c.tps]));
  return {
    ...first,
    tps: median(trials),
    trials,
    statements,
    latencyUs: {
      mean: statements > 0 ? runs.reduce((s, c) => s + c.latencyUs.mean * c.statements, 0) / statements : first.latencyUs.mean,
      p50: pct((c) => c.latencyUs.p50),
      p99: pct((c) => c.latencyUs.p99),
    },
    durationSec: runs.reduce((s, c) => s + c.durationSec, 0),
  };
}

export interface DbCeilingLevel {
  /** One run of `durationSec`. A failure is logged once and ends the ceiling for this level; Ctrl-C still throws. */
  trial: () => Promise<void>;
  /** The combined record, or null when the scenario has none or no run succeeded. */
  result: () => DbCeiling | null;
}

export function dbCeilingLevel(opts: DbCeilingOptions): DbCeilingLevel {
  const log = opts.log ?? (() => {});
  const runs: DbCeiling[] = [];
  let on = true;
  return {
    trial: async () => {
      if (!on) return;
      try {
        const run = await measureDbCeiling(opts);
        if (run) runs.push(run);
        else on = false;
      } catch (e) {
        checkInterrupted();
        log((e as Error).message);
        on = false;
      }
    },
    result: () => (runs.length > 0 ? combineDbCeilings(runs) : null),
  };
}
