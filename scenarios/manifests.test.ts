// Every scenario manifest agrees with the files: a strategy's file name, its key in the manifest and its `name:` are
// one name; every file in a strategy folder is listed (folders hold strategies only, helpers go to lib/ or shared/);
// the manifest is its contract plus the strategies; and the registry refuses a strategy that names itself otherwise.
// Loads every strategy module (no database is needed: clients are created by the server, not on import).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadScenario, loadStrategy, ROOT, scenarioNames, strategyFiles } from '../src/core/registry.ts';
import type { ScenarioContract } from '../src/core/scenario.ts';
import { splitVariant } from '../src/core/variants.ts';
import { SCENARIOS } from './index.ts';

/** Folders under scenarios/ that are not scenarios. */
const NOT_SCENARIOS = new Set(['shared']);

describe('scenario manifests', () => {
  it('every folder under scenarios/ is a registered scenario or shared code', () => {
    const dirs = readdirSync(join(ROOT, 'scenarios'), { withFileTypes: true }).filter((d) => d.isDirectory());
    for (const d of dirs) assert.ok(NOT_SCENARIOS.has(d.name) || d.name in SCENARIOS, `scenarios/${d.name} is not in scenarios/index.ts`);
  });

  for (const name of scenarioNames()) {
    it(`${name}: the manifest is its contract plus its strategies, one file each, named alike`, async () => {
      const scenario = await loadScenario(name);
      assert.equal(scenario.name, name);

      const contractFile = join(ROOT, 'scenarios', name, 'contract.ts');
      assert.ok(existsSync(contractFile), `scenarios/${name}/contract.ts is missing`);
      const { contract } = (await import(pathToFileURL(contractFile).href)) as { contract: ScenarioContract };
      for (const [key, value] of Object.entries(contract)) assert.equal(scenario[key as keyof ScenarioContract], value, `${name}.${key}`);

      const dir = scenario.sourceDir ?? name;
      const files = strategyFiles(dir);
      assert.ok(files.size > 0, `no strategy files under scenarios/${dir}/`);
      for (const [file, paths] of files) assert.equal(paths.length, 1, `${file} is defined twice: ${paths.join(', ')}`);
      const listed = Object.keys(scenario.strategies).sort();
      if (scenario.sourceDir === undefined) {
        // A file nobody lists is either a forgotten manifest line or a helper in a strategy folder.
        assert.deepEqual(listed, [...files.keys()].sort(), `scenarios/${name}/index.ts must list exactly the strategy files`);
      } else {
        for (const key of listed) assert.ok(files.has(splitVariant(key).strategy), `${key} has no file under scenarios/${dir}/`);
      }
      assert.ok(listed.includes(scenario.reference), `reference ${scenario.reference} is not among the strategies`);

      for (const key of listed) {
        const { strategy, variant } = splitVariant(key);
        const path = (files.get(strategy) as string[])[0] as string;
        const viaFile = (await import(pathToFileURL(join(ROOT, path)).href)) as { default: { name: string; read: unknown } };
        const viaManifest = await scenario.strategies[key]?.();
        if (variant !== null) {
          // A contender on a database variant: the file's strategy, renamed, on a variant the scenario declares.
          assert.ok(scenario.dbVariants?.variants[variant], `${key}: ${name} declares no variant ${variant}`);
          assert.equal(viaManifest?.default.read, viaFile.default.read, `manifest key ${key} does not run ${path}`);
          assert.equal(viaManifest?.default.name, key);
          assert.equal(viaFile.default.name, strategy, `${path} declares name: '${viaFile.default.name}'`);
          continue;
        }
        assert.equal(viaManifest?.default, viaFile.default, `manifest key ${key} does not load ${path}`);
        assert.equal(viaFile.default.name, key, `${path} declares name: '${viaFile.default.name}'`);
      }
    });
  }

  it('the registry refuses a strategy whose name differs from its key, and a manifest named otherwise', async () => {
    const strategy = { default: { name: 'pg-join' } };
    const manifest = { name: 'misnamed-test', strategies: { 'pg-other': async () => strategy } };
    SCENARIOS['misnamed-test'] = async () => ({ default: manifest });
    SCENARIOS['renamed-test'] = async () => ({ default: { ...manifest, name: 'something-else' } });
    try {
      await assert.rejects(loadStrategy('misnamed-test', 'pg-other'), /strategy file for pg-other declares name pg-join/);
      await assert.rejects(loadScenario('renamed-test'), /manifest for renamed-test declares name something-else/);
    } finally {
      delete SCENARIOS['misnamed-test'];
      delete SCENARIOS['renamed-test'];
    }
  });
});
