// No import circles among scenarios/ (contracts, manifests, strategies, helpers) and src/, and no strategy, contract
// or helper imports a scenario manifest. Also checks the reader itself on small inputs.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { circles, importGraph, importsOf, loopIn, type Graph } from './import-graph.ts';

const repo = fileURLToPath(new URL('..', import.meta.url));

describe('import circles', () => {
  it('reads static, type-only, re-exported and import() imports; skips packages and computed specifiers', () => {
    const text = `
      import a from './a.ts';
      import type { B } from '../b.ts';
      import { type C } from './c.ts';
      export { d } from './d.ts';
      export type { E } from './e.ts';
      import pg from 'pg';
      const f = () => import('./f.ts');
      const g = (x: string) => import(x);
      import './side-effect.ts';`;
    assert.deepEqual(importsOf(text), [
      { spec: './a.ts', typeOnly: false },
      { spec: '../b.ts', typeOnly: true },
      { spec: './c.ts', typeOnly: false },
      { spec: './d.ts', typeOnly: false },
      { spec: './e.ts', typeOnly: true },
      { spec: './f.ts', typeOnly: false },
      { spec: './side-effect.ts', typeOnly: false },
    ]);
  });

  it('finds strongly connected sets and a loop through each; --runtime drops type-only edges', () => {
    const g: Graph = new Map([
      ['a', [{ to: 'b', typeOnly: false }]],
      ['b', [{ to: 'c', typeOnly: false }]],
      ['c', [{ to: 'a', typeOnly: true }]],
      ['d', [{ to: 'd', typeOnly: false }]],
      ['e', [{ to: 'a', typeOnly: false }]],
    ]);
    assert.deepEqual(circles(g), [['a', 'b', 'c'], ['d']]);
    assert.deepEqual(loopIn(g, ['a', 'b', 'c']), ['a', 'b', 'c', 'a']);
    assert.deepEqual(loopIn(g, ['d']), ['d', 'd']);
    assert.deepEqual(circles(g, { runtimeOnly: true }), [['d']]);
  });

  it('none among scenarios/ and src/', () => {
    const graph = importGraph(repo, ['scenarios', 'src']);
    assert.deepEqual(
      circles(graph)
        // Prisma's generated client (not ours, regenerated at install) has circles of its own.
        .filter((s) => !s.every((f) => f.startsWith('datasets/prisma/generated/')))
        .map((s) => loopIn(graph, s).join(' → ')),
      [],
      'import circles (npx tsx scripts/import-cycles.ts)',
    );
  });

  it('only manifests import a scenario manifest: strategies, contracts and helpers never do', () => {
    const graph = importGraph(repo, ['scenarios']);
    const isManifest = (f: string): boolean => /^scenarios\/([^/]+\/)?index\.ts$/.test(f);
    const offenders = [...graph].flatMap(([from, edges]) =>
      edges.filter((e) => isManifest(e.to) && e.to !== 'scenarios/index.ts' && !isManifest(from)).map((e) => `${from} → ${e.to}`),
    );
    assert.deepEqual(offenders, []);
  });
});
