// Runs every *.test.ts with Node's own test runner under tsx. Extra arguments filter files by substring.
// Files run one at a time: integration tests start real databases and measure, and two cores are shared.
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
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', '--test-timeout=300000', ...flags, ...files], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, ACCESSBENCH_SEED_CACHE: seedCache },
});
rmSync(seedCache, { recursive: true, force: true });
process.exit(r.status ?? 1);
