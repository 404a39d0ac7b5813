// Finds scenarios and strategies by name. scenarios/index.ts lists the scenarios; each scenario's manifest
// (scenarios/<scenario>/index.ts) lists its strategies, one file each: scenarios/<scenario>/<backend>/<strategy>.ts,
// the file's name being the strategy's name. A scenario's helpers live in its lib/ folder, code shared by several
// scenarios in scenarios/shared/, so every other folder of a scenario holds strategies only.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SCENARIOS } from '../../scenarios/index.ts';
import { ConfigError } from './errors.ts';
import type { Scenario, Strategy } from './scenario.ts';
import { splitVariant, unknownVariant } from './variants.ts';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export function scenarioNames(): string[] {
  return Object.keys(SCENARIOS);
}

/** The folder of a scenario that holds its helpers rather than strategies. */
export const HELPERS_DIR = 'lib';

export async function loadScenario(name: string): Promise<Scenario> {
  const load = SCENARIOS[name];
  if (!load) throw new ConfigError(`unknown scenario "${name}" (valid: ${scenarioNames().join(', ')})`);
  const scenario = (await load()).default as unknown as Scenario;
  if (scenario.name !== name) throw new Error(`scenario manifest for ${name} declares name ${scenario.name}`);
  return scenario;
}

export async function loadStrategy(scenarioName: string, strategyName: string): Promise<{ scenario: Scenario; strategy: Strategy }> {
  const scenario = await loadScenario(scenarioName);
  const load = scenario.strategies[strategyName];
  const badVariant = load ? null : unknownVariant(scenario, strategyName);
  if (badVariant) throw new ConfigError(badVariant);
  if (!load) {
    throw new ConfigError(`unknown strategy "${strategyName}" for ${scenarioName} (valid: ${Object.keys(scenario.strategies).join(', ')})`);
  }
  const strategy = (await load()).default as Strategy;
  if (strategy.name !== strategyName) throw new Error(`strategy file for ${strategyName} declares name ${strategy.name}`);
  return { scenario, strategy };
}

/**
 * The strategy files of a scenario folder (`sourceDir ?? name`), by strategy name: every .ts file but tests in every
 * subfolder but lib/, as repository-relative paths.
 */
export function strategyFiles(dirName: string): Map<string, string[]> {
  const dir = join(ROOT, 'scenarios', dirName);
  const out = new Map<string, string[]>();
  const backends = existsSync(dir)
    ? readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory() && d.name !== HELPERS_DIR)
    : [];
  for (const backend of backends.map((d) => d.name).sort()) {
    for (const file of readdirSync(join(dir, backend)).sort()) {
      if (!file.endsWith('.ts') || file.endsWith('.test.ts')) continue;
      const name = file.slice(0, -'.ts'.length);
      out.set(name, [...(out.get(name) ?? []), relative(ROOT, join(dir, backend, file))]);
    }
  }
  return out;
}

/**
 * The strategy's source file (relative path and text), for the report: readers check the code behind a number. A
 * contender on a database variant (`pg-join@no-fk-indexes`) runs its strategy's file.
 */
export function strategySource(dirName: string, strategyName: string): { path: string; text: string } {
  const path = strategyFiles(dirName).get(splitVariant(strategyName).strategy)?.[0];
  return path ? { path, text: readFileSync(join(ROOT, path), 'utf8') } : { path: '', text: '' };
}
