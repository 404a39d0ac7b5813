// Known limits of the servers a run may be given, checked before a strategy is started: a strategy the server
// cannot measure meaningfully is skipped with the reason, in the terminal and the report, instead of producing
// numbers that would be read as the technique's.
import type { BackendStatus } from '../core/infra.ts';
import type { Scenario, Strategy } from '../core/scenario.ts';

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
