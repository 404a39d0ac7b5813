// Runs every *.test.ts with Node's own test runner under tsx. Extra arguments filter files by substring.
// Two files at a time: most of a test's wall time is spent starting processes and waiting for them, so a second file
// fills the idle core. Each file's output is printed whole when it ends. Two kinds of files never overlap another:
// the container engine's (they assert that the engine holds nothing after them, so two at once would see each other's
// containers), which run one at a time beside the others; and files whose assertions rest on timing or on statistics
// (a regression detected, a signal landing in a given phase, an A/A that flags nothing), which run last, alone, on an
// otherwise idle machine. Every test picks free ports and its own temp dirs, and finds its leftovers by its own marker.
import { spawn } from 'node:child_process';
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
const ALONE = new Set([
  'src/ab/ab.test.ts',
  'src/calibrate/calibrate.test.ts',
  'src/cli/clean.test.ts',
  'src/compare/regression.test.ts',
  'src/load/rate.test.ts',
  'src/runner/interrupt.test.ts',
  'src/runner/lifecycle.test.ts',
]);
// The files that take longest (40–75 s each on a quiet 2-core machine, from `.ci/run`'s log), longest first.
const LONG = [
  'src/runner/faults.test.ts',
  'scenarios/feed/mongo.test.ts',
  'src/cli/doctor.test.ts',
  'scenarios/user-summary/mongo.test.ts',
  'src/infra/external.test.ts',
  'src/compare/ci.test.ts',
  'scenarios/post-detail/mongo.test.ts',
  'src/infra/local/seed-cache.test.ts',
  'scenarios/post-detail/app-side-run.test.ts',
];
const ENGINE = new Set(['src/infra/docker/compose-run.test.ts', 'src/infra/docker/docker-run.test.ts', 'src/infra/docker/docker.test.ts']);

// Ctrl-C (or a CI timeout's SIGTERM) stops the running files and starts no other.
let interrupted = null;
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => (interrupted = signal));

/** One file under Node's test runner; its output is kept and printed whole when it ends. */
function runFile(file) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-timeout=300000', ...flags, file], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ACCESSBENCH_SEED_CACHE: seedCache },
    });
    const out = [];
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => out.push(d));
    const stop = (signal) => child.kill(signal);
    process.on('SIGINT', stop).on('SIGTERM', stop);
    child.on('close', (code) => {
      process.off('SIGINT', stop).off('SIGTERM', stop);
      process.stdout.write(Buffer.concat(out));
      resolve(code ?? 1);
    });
  });
}

/** Runs `group` on `workers` lanes; an engine file starts only while no other engine file runs. */
async function runGroup(group, workers) {
  // The engine's files first: they are long and take turns, so they should overlap the rest, not trail after it. Then
  // the longest of the others, so that the two lanes end together rather than one idling while the other finishes a
  // minute-long file.
  const rank = (f) => {
    const i = LONG.indexOf(f);
    return ENGINE.has(f) ? 0 : 1 + (i >= 0 ? i : LONG.length);
  };
  const queue = [...group].sort((a, b) => rank(a) - rank(b));
  const failed = [];
  let engineBusy = false;
  const lane = async () => {
    for (;;) {
      if (interrupted) return;
      const i = queue.findIndex((f) => !(ENGINE.has(f) && engineBusy));
      if (i < 0) {
        if (queue.length === 0) return;
        await new Promise((r) => setTimeout(r, 200));
        continue;
      }
      const [file] = queue.splice(i, 1);
      const engine = ENGINE.has(file);
      if (engine) engineBusy = true;
      const t0 = Date.now();
      const code = await runFile(file);
      if (engine) engineBusy = false;
      console.log(`# file ${file}: ${code === 0 ? 'passed' : 'FAILED'} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      if (code !== 0) failed.push(file);
    }
  };
  await Promise.all(Array.from({ length: workers }, lane));
  return failed;
}

const t0 = Date.now();
const failed = [
  ...(await runGroup(
    files.filter((f) => !ALONE.has(f)),
    2,
  )),
  ...(await runGroup(
    files.filter((f) => ALONE.has(f)),
    1,
  )),
];
rmSync(seedCache, { recursive: true, force: true });
if (interrupted) process.exit(130);
console.log(
  `# npm test: ${files.length} files in ${((Date.now() - t0) / 1000).toFixed(0)} s; ` +
    (failed.length ? `${failed.length} failed: ${failed.join(', ')}` : 'all passed'),
);
process.exit(failed.length ? 1 : 0);
