// A selection (scenario name → strategy names) loaded into modules: one loader for `run`, `ab` and `calibrate`.
import { loadStrategy } from '../core/registry.ts';
import type { Need, Scenario, Strategy } from '../core/scenario.ts';

export interface Selection {
  scenario: string;
  strategies: string[];
}

export interface LoadedSelection {
  scenario: Scenario;
  strategies: Strategy[];
}

export async function loadSelection(sel: Selection): Promise<LoadedSelection> {
  const strategies: Strategy[] = [];
  let scenario: Scenario | undefined;
  for (const name of sel.strategies) {
    const l = await loadStrategy(sel.scenario, name);
    scenario = l.scenario;
    strategies.push(l.strategy);
  }
  if (!scenario) throw new Error(`selection of ${sel.scenario} names no strategy`);
  return { scenario, strategies };
}

/** The backends these strategies need, PostgreSQL always (the data is seeded there and the facts are read from it). */
export function needsOf(strategies: readonly Strategy[]): Need[] {
  const needs = new Set<Need>(['postgres']);
  for (const s of strategies) for (const n of s.needs) needs.add(n);
  return [...needs];
}
