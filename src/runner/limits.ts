// Known limits of the servers a run may be given, checked before a strategy is started: a strategy the server
// cannot measure meaningfully is skipped with the reason, in the terminal and the report, instead of producing
// numbers that would be read as the technique's.
import type { BackendStatus } from '../core/infra.ts';
import type { Need, Scenario, Strategy } from '../core/scenario.ts';
import type { VerifyProblem } from '../results/schema.ts';

export function unsupportedReason(
  strategy: Strategy,
  scenario: Scenario,
  backends: readonly BackendStatus[],
  preset: string,
  env: NodeJS.ProcessEnv = process.env,
): string | null {
  const mongo = backends.find((b) => b.need === 'mongo')?.server ?? '';
  if (!strategy.needs.includes('mongo') || !/^FerretDB 1\./.test(mongo)) return null;
  if (scenario.mix) {
    // FerretDB/FerretDB#3040: concurrent updates of one document on the SQLite backend are lost.
    return `${mongo} loses concurrent updates to one document (FerretDB#3040), so write results would be wrong; use MongoDB (--infra docker or --mongo-url)`;
  }
  if (preset !== 'tiny' && env.ACCESSBENCH_FERRETDB_ANY_PRESET !== '1') {
    return (
      `${mongo} pushes no filter except _id down to SQLite: beyond the tiny preset one request takes seconds; ` +
      `use MongoDB (--infra docker or --mongo-url), --preset tiny, or ACCESSBENCH_FERRETDB_ANY_PRESET=1 to measure it anyway`
    );
  }
  return null;
}

/** FerretDB's own error for a stage or operator it lacks, e.g. `aggregate` stage "$lookup" is not implemented yet. */
const FERRETDB_MISSING = /"\$[A-Za-z]+"[^"]*\bis not implemented yet$/;

function ferretDbLimit(message: string): string | null {
  const m = /"error":"((?:[^"\\]|\\.)*)"/.exec(message);
  if (!m) return null;
  const text = JSON.parse(`"${m[1]}"`) as string;
  return FERRETDB_MISSING.test(text) ? text : null;
}

/**
 * FerretDB's error when a Mongo strategy failed verification only because FerretDB does not implement a named stage
 * or operator it sends (e.g. $lookup): the technique cannot be measured there, which is not the strategy's fault.
 * Null for anything else — another backend, another error, or any failure of another kind beside it — so a
 * strategy's real bug is never turned into "skipped".
 */
export function serverCannot(
  strategy: Strategy,
  problems: readonly VerifyProblem[] | null,
  backends: readonly BackendStatus[],
): string | null {
  const mongo = backends.find((b) => b.need === 'mongo')?.server ?? '';
  if (!strategy.needs.includes('mongo') || !/^FerretDB\b/.test(mongo) || !problems) return null;
  const fails = problems.filter((p) => p.severity === 'fail');
  const limits = fails.map((p) => ferretDbLimit(p.message));
  if (fails.length === 0 || limits.some((l) => l === null)) return null;
  return [...new Set(limits)].join('; ');
}

/**
 * The backends a run started but no selected strategy will use, each strategy that needs it being skipped by a limit
 * above (FerretDB beyond the tiny preset): they are not seeded, which would only cost time. PostgreSQL is always used
 * (the scenarios' facts and the database ceiling read it).
 */
export function unusedBackends(
  loaded: ReadonlyArray<{ scenario: Scenario; strategies: readonly Strategy[] }>,
  backends: readonly BackendStatus[],
  preset: string,
  env: NodeJS.ProcessEnv = process.env,
): Need[] {
  const needs = new Set<Need>(backends.filter((b) => b.status === 'up' && b.need !== 'postgres').map((b) => b.need));
  for (const { scenario, strategies } of loaded) {
    for (const s of strategies) {
      if (unsupportedReason(s, scenario, backends, preset, env) !== null) continue;
      for (const n of s.needs) needs.delete(n);
    }
  }
  return [...needs];
}
