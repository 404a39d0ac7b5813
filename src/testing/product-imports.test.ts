// Test support stays out of the product: no module under src/testing/, no *.test.ts and no fixture module is reachable
// from what `accessbench` and `npm run bench` run (the bin, package.json's scripts, the strategy servers and other
// child processes they start). Hooks tests need are passed in (RunOptions.onPhase, onInfra), not imported.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chainTo, reachableFrom } from './imports.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const rel = (f: string): string => relative(ROOT, f);

/** The bin, and every file package.json's scripts run, except the test runner's. */
function entries(): string[] {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    bin: Record<string, string>;
    scripts: Record<string, string>;
  };
  const files = new Set(Object.values(pkg.bin));
  for (const [name, command] of Object.entries(pkg.scripts))
    if (name !== 'test') for (const m of command.matchAll(/\S+\.(?:ts|mjs|js)\b/g)) files.add(m[0]);
  return [...files].map((f) => join(ROOT, f));
}

const TEST_ONLY = [/^src\/testing\//, /\.test\.ts$/, /(^|\/)[^/]*fixtures?[^/]*\.ts$/, /(^|\/)test-[^/]*\.ts$/];
const testOnly = (file: string): boolean => TEST_ONLY.some((re) => re.test(file));

describe('test support is not reachable from the product', () => {
  const reach = reachableFrom(entries());
  const reached = [...reach.via.keys()].map(rel);

  it('the walk reaches the whole product: the CLI, the strategy servers it spawns, every stage and strategy', () => {
    assert.deepEqual(reach.unresolved, []);
    for (const f of ['src/cli.ts', 'src/server/main.ts', 'src/runner/db-ceiling-loop.ts', 'src/report/render.ts', 'src/micro/index.ts'])
      assert.ok(reached.includes(f), `${f} is reached`);
    // scenarios/shared/ is no scenario: it has no manifest, its modules are reached through the scenarios using them.
    for (const scenario of readdirSync(join(ROOT, 'scenarios'), { withFileTypes: true }).filter(
      (d) => d.isDirectory() && d.name !== 'shared',
    ))
      assert.ok(reached.includes(`scenarios/${scenario.name}/index.ts`), `scenario ${scenario.name} is reached`);
    assert.ok(reached.includes('scenarios/shared/pg-comment-write.ts'));
    assert.ok(reached.includes('scenarios/post-detail/postgres/pg-join.ts'));
  });

  it('no module under src/testing/, no test file and no fixture module is imported by the product', () => {
    const leaks = [...reach.via.keys()].filter((f) => testOnly(rel(f))).map((f) => chainTo(reach, f).map(rel).join(' → '));
    assert.deepEqual(leaks, []);
  });

  it('no test support sits in a product folder under a test-like name', () => {
    const walk = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? walk(join(dir, d.name)) : [join(dir, d.name)]));
    const misplaced = walk(join(ROOT, 'src'))
      .map(rel)
      .filter((f) => !f.startsWith('src/testing/') && !f.endsWith('.test.ts') && testOnly(f));
    assert.deepEqual(misplaced, []);
  });
});
