// Finds scenarios and strategies by name. The layout is the registry: scenarios/<scenario>/<backend>/<strategy>.ts.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SCENARIOS } from '../../scenarios/index.ts';
import { ConfigError } from './errors.ts';
import type { Scenario, Strategy } from './scenario.ts';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export function scenarioNames(): string[] {
  return Object.keys(SCENARIOS);
}

export async function loadScenario(name: string): Promise<Scenario> {
  const load = SCENARIOS[name];
  if (!load) throw new ConfigError(`unknown scenario "${name}" (valid: ${scenarioNames().join(', ')})`);
  return (await load()).default as unknown as Scenario;
}

export async function loadStrategy(scenarioName: string, strategyName: string): Promise<{ scenario: Scenario; strategy: Strategy }> {
  const scenario = await loadScenario(scenarioName);
  const load = scenario.strategies[strategyName];
  if (!load) {
    throw new ConfigError(`unknown strategy "${strategyName}" for ${scenarioName} (valid: ${Object.keys(scenario.strategies).join(', ')})`);
  }
  const strategy = (await load()).default as Strategy;
  if (strategy.name !== strategyName) throw new Error(`strategy file for ${strategyName} declares name ${strategy.name}`);
  return { scenario, strategy };
}

/** The strategy's source file (relative path and text), for the report: readers check the code behind a number. */
export function strategySource(scenarioName: string, strategyName: string): { path: string; text: string } {
  const dir = join(ROOT, 'scenarios', scenarioName);
  for (const backend of existsSync(dir) ? readdirSync(dir, { withFileTypes: true }) : []) {
    if (!backend.isDirectory()) continue;
    const file = join(dir, backend.name, `${strategyName}.ts`);
    if (existsSync(file)) return { path: relative(ROOT, file), text: readFileSync(file, 'utf8') };
  }
  return { path: '', text: '' };
}
