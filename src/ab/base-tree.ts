// The base commit's scenarios and strategies, loaded from its worktree: each side is verified and described by its
// own code (its expectQueries, its reference, its source text), so a PR that changes a strategy is measured against
// what the strategy was, not against what it became.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { AccessbenchError } from '../core/errors.ts';
import type { Scenario, Strategy } from '../core/scenario.ts';
import type { Result } from '../results/schema.ts';
import { gitShow } from './worktree.ts';

type Registry = typeof import('../core/registry.ts');

export interface BaseTree {
  root: string;
  sha: string;
  /** The scenario as the base defines it, or null when the base does not have it. */
  scenario: (name: string) => Promise<Scenario | null>;
  strategy: (scenario: string, name: string) => Promise<Strategy>;
  source: (scenario: Scenario, name: string) => { path: string; text: string };
  git: (ref: string) => Promise<Result['git']>;
  /** Head's version table with the base's own package versions. */
  versions: (head: Record<string, string>) => Record<string, string>;
}

export async function openBaseTree(root: string, sha: string): Promise<BaseTree> {
  const file = join(root, 'src', 'core', 'registry.ts');
  let reg: Registry;
  try {
    reg = (await import(pathToFileURL(file).href)) as Registry;
  } catch (e) {
    throw new AccessbenchError(`ab: cannot load the base's scenario registry (${file}): ${(e as Error).message.split('\n')[0]}`);
  }
  const names = new Set(reg.scenarioNames());
  return {
    root,
    sha,
    scenario: async (name) => (names.has(name) ? await reg.loadScenario(name) : null),
    strategy: async (scenario, name) => (await reg.loadStrategy(scenario, name)).strategy,
    source: (scenario, name) => reg.strategySource(scenario.sourceDir ?? scenario.name, name),
    git: async (ref) => ({
      sha,
      branch: ref,
      dirty: false,
      commitTime: await gitShow(root, sha, '%cI'),
      subject: await gitShow(root, sha, '%s'),
    }),
    versions: (head) => {
      const out: Record<string, string> = { ...head };
      const version = (pkgJson: string): string | null =>
        existsSync(pkgJson) ? ((JSON.parse(readFileSync(pkgJson, 'utf8')) as { version?: string }).version ?? null) : null;
      for (const name of Object.keys(head)) {
        if (name === 'node') continue;
        const v = version(name === 'accessbench' ? join(root, 'package.json') : join(root, 'node_modules', name, 'package.json'));
        if (v) out[name] = v;
        else delete out[name];
      }
      return out;
    },
  };
}
