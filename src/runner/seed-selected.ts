// Seeding for a selection, shared by `run` and `ab`: every backend a selected strategy can use here, and not one
// whose every selected strategy is skipped by a known server limit (Mongo on FerretDB beyond the tiny preset).
import type { Dataset } from '../../datasets/generator.ts';
import type { Endpoints, StartedInfra } from '../core/infra.ts';
import type { Scenario, Strategy } from '../core/scenario.ts';
import { seedBackends, type Seeded } from '../seed/index.ts';
import { unusedBackends } from './limits.ts';

export function seedSelected(
  loaded: ReadonlyArray<{ scenario: Scenario; strategies: readonly Strategy[] }>,
  infra: Pick<StartedInfra, 'endpoints' | 'backends' | 'postgresSeeded'>,
  dataset: Dataset | (() => Dataset),
  preset: string,
  log: (line: string) => void,
): Promise<Seeded> {
  const unused = unusedBackends(loaded, infra.backends, preset);
  if (unused.length > 0) log(`seed: ${unused.join(', ')} not seeded — every strategy that needs it is skipped on this server`);
  const toSeed: Endpoints = { ...infra.endpoints };
  for (const n of unused) delete toSeed[n];
  return seedBackends(toSeed, dataset, log, infra.postgresSeeded);
}
