// compare/ is the pure diff of two results and its renderers: it reads what a run wrote and computes, it never runs
// anything. Its modules import each other, core/ (errors), results/ (the schema) and stats/ — never the runner, the
// infra, the servers or the A/B stage (src/ab/) that produce results. Tests and test fixtures are not held to it.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const SRC = dirname(HERE);
const ALLOWED = new Set(['compare', 'core', 'results', 'stats']);
const SPECIFIER = /(?:^|\s)(?:import|export)\s[^'"]*?from\s+'([^']+)'|import\(\s*'([^']+)'\s*\)/g;

const modules = readdirSync(HERE).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.startsWith('test-'));

/** The src/ folder each relative import of a module lands in ('..' for anything outside src/). */
function foldersImported(file: string): string[] {
  const text = readFileSync(join(HERE, file), 'utf8');
  return [...text.matchAll(SPECIFIER)]
    .map((m) => m[1] ?? m[2] ?? '')
    .filter((spec) => spec.startsWith('.'))
    .map((spec) => relative(SRC, resolve(HERE, spec)).split(sep)[0] ?? '');
}

describe('compare/', () => {
  it('imports nothing that runs a benchmark', () => {
    assert.ok(modules.length >= 8, `compare/ modules: ${modules.join(', ')}`);
    const found = modules.flatMap((f) => foldersImported(f).map((folder) => `${f} → ${folder}/`));
    assert.ok(found.length > 0, 'the imports are read');
    assert.deepEqual(
      found.filter((edge) => !ALLOWED.has(edge.slice(edge.indexOf('→ ') + 2, -1))),
      [],
    );
  });
});
