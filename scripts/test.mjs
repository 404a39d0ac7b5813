// Runs every *.test.ts with Node's own test runner under tsx. Extra arguments filter files by substring.
// Two files at a time: most of a test's wall time is spent starting processes and waiting for them, so a second file
// fills the idle core. Files whose assertions rest on timing or on statistics (a regression detected, a signal that
// lands in a given phase, an A/A that flags nothing) then run alone, one after another, on an otherwise idle machine.
// Every test picks free ports and its own temp dirs, and finds its leftover processes by a marker of its own.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const skip = new Set(['node_modules', '.git', 'generated']);
function walk(dir, out) {
  for (const name of readdirSync(dir)) {
    if (skip.has(name)) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (name.endsWith('.test.ts')) out.push(relative(root, p));
  }
  return out;
}
const filters = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const flags = process.argv.slice(2).filter((a) => a.startsWith('-'));
const files = ['src', 'scenarios', 'datasets', 'scripts']
  .flatMap((d) => walk(join(root, d), []))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();
if (files.length === 0) {
  console.error(`no test files match ${filters.join(' ')}`);
  process.exit(2);
}
// Runs started by tests keep seeded databases in a cache of their own, empty at the start: an entry left by an older
// checkout can never stand in for a seed under test, and the user's cache is neither used nor filled.
const seedCache = mkdtempSync(join(tmpdir(), 'ab-test-seed-cache-'));
const ALONE = [
  'src/ab/ab.test.ts',
  'src/calibrate/calibrate.test.ts',
  'src/cli/clean.test.ts',
  'src/compare/regression.test.ts',
  'src/load/rate.test.ts',
  'src/runner/interrupt.test.ts',
  'src/runner/lifecycle.test.ts',
];
const run = (group, concurrency) =>
  group.length === 0
    ? 0
    : (spawnSync(
        process.execPath,
        ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, '--test-timeout=300000', ...flags, ...group],
        {
          cwd: root,
          stdio: 'inherit',
          env: { ...process.env, ACCESSBENCH_SEED_CACHE: seedCache },
        },
      ).status ?? 1);
const shared = run(
  files.filter((f) => !ALONE.includes(f)),
  2,
);
const alone = run(
  files.filter((f) => ALONE.includes(f)),
  1,
);
rmSync(seedCache, { recursive: true, force: true });
process.exit(shared || alone);
