// A strategy's throughput against the two ceilings at the ranking level: the harness's (a no-op route through the same
// server stack) and the database's (the reference statement driven directly). Pure functions over the view.
import type { RankedRow, ScenarioView } from './scenario.ts';

/** Within 3× of the harness ceiling, the load generator and HTTP stack may be what limits the strategy. */
export const CEILING_FACTOR = 3;

export function nearCeiling(view: ScenarioView, row: RankedRow): boolean {
  return view.ceiling !== null && row.level.summary.rps.estimate * CEILING_FACTOR >= view.ceiling.estimate;
}

/** Whether a strategy reads PostgreSQL at all: a MongoDB strategy's req/s is no share of a PostgreSQL statement's rate. */
export const readsPostgres = (row: RankedRow): boolean => row.strategy.needs.some((n) => n === 'postgres' || n === 'replica');

/**
 * req/s ÷ statements/s of the database alone; null without a ceiling or for a strategy that does not read PostgreSQL.
 * Above 100 % a strategy serves without the database (a cache).
 */
export function dbShare(view: ScenarioView, row: RankedRow): number | null {
  return view.dbCeiling && view.dbCeiling.tps > 0 && readsPostgres(row) ? row.level.summary.rps.estimate / view.dbCeiling.tps : null;
}
