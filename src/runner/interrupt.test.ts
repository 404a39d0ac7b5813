// Ctrl-C (and SIGTERM) in every phase of a run, through the CLI as a user starts it: whatever phase the signal lands
// in, the run exits 130 and leaves no database, no strategy server, no temp dir and no half-written result behind.
// The phase is read from the non-TTY progress lines on stderr; report writing is too short to hit, so that case runs
// the same CLI through src/testing/paused-cli.ts, which pauses it (an onPhase hook) before the report is written.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { Result } from '../results/schema.ts';
import { processesWithEnv } from '../testing/processes.ts';
import { missingPostgres, skipIfMissing } from '../testing/backends.ts';
import { findRedisServer } from '../infra/local/redis.ts';
import { findMongoBinary } from '../infra/local/mongo.ts';
import { sleep } from '../core/net.ts';

const BIN = fileURLToPath(new URL('../../bin/accessbench.js', import.meta.url));
const PAUSED_CLI = fileURLToPath(new URL('../testing/paused-cli.ts', import.meta.url));
const missingPg = await missingPostgres();
const missingAll =
  missingPg ??
  (findRedisServer() ? null : 'redis-server not on PATH') ??
  (findMongoBinary() ? null : 'neither mongod nor ferretdb on PATH');
// Four backends at once: primary, streaming replica, Redis, FerretDB (or mongod).
const ALL_BACKENDS = 'pg-join,pg-replica,pg-cached-redis,mongoose-lean';

interface Run {
  work: string;
  temp: string;
  marker: string;
  stderr: () => string;
  exited: Promise<number | null>;
  child: ReturnType<typeof spawn>;
}

/**
 * `group`: the CLI leads its own process group, so the test can signal the whole group the way a terminal's Ctrl-C
 * does (the bin wrapper, the CLI, every database and strategy server get SIGINT at once). `pause` ("<phase>=<ms>"):
 * the CLI runs through src/testing/paused-cli.ts (no bin wrapper), which waits that long at the start of the phase.
 */
function launch(strategies: string, extra: string[], pause: string | null = null, group = false): Run {
  const work = mkdtempSync(join(tmpdir(), 'ab-int-'));
  const temp = join(work, 'tmp');
  mkdirSync(temp);
  // postgres runs as its own OS user and must be able to traverse the run's temp root.
  chmodSync(work, 0o755);
  chmodSync(temp, 0o755);
  const [key, value] = ['ACCESSBENCH_TEST_MARKER', randomBytes(6).toString('hex')];
  const entry = pause ? ['--import', import.meta.resolve('tsx'), PAUSED_CLI, pause] : [BIN];
  const args = [...entry, 'run', '--profile', 'quick', '--infra', 'local', '--scenario', 'post-detail', '--strategy', strategies];
  args.push('--out', join(work, 'results'), '--report', join(work, 'report', 'index.html'), ...extra);
  const child = spawn(process.execPath, args, {
    env: { ...process.env, TMPDIR: temp, [key]: value },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: group,
  });
  let err = '';
  child.stderr?.on('data', (c: Buffer) => (err += c.toString()));
  child.stdout?.resume();
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { work, temp, marker: `${key}=${value}`, stderr: () => err, exited, child };
}

/** Waits until stderr matches; fails at once if the run ended first. */
async function untilLog(run: Run, re: RegExp, timeoutMs = 150_000): Promise<void> {
  let ended = false;
  void run.exited.then(() => (ended = true));
  const deadline = Date.now() + timeoutMs;
  while (!re.test(run.stderr())) {
    if (ended) assert.fail(`the run ended before ${re}:\n${run.stderr()}`);
    if (Date.now() > deadline) assert.fail(`no ${re} within ${timeoutMs} ms:\n${run.stderr()}`);
    await sleep(50);
  }
}

/** Waits until a process of this run matches (its command line). */
async function untilProcess(run: Run, re: RegExp, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!processesWithEnv(run.marker, run.temp).some((p) => re.test(p.cmd))) {
    if (Date.now() > deadline) assert.fail(`no process ${re} within ${timeoutMs} ms:\n${run.stderr()}`);
    await sleep(50);
  }
}

const ours = (dir: string): string[] => readdirSync(dir).filter((f) => f.startsWith('accessbench-'));

/** The run's processes: by marker, or by a working directory in its temp root (redis-server wipes its environ). */
async function leftovers(run: Run): Promise<Array<{ pid: number; cmd: string }>> {
  for (let i = 0; i < 20; i++) {
    const p = processesWithEnv(run.marker, run.temp);
    if (p.length === 0) return p;
    await sleep(250);
  }
  return processesWithEnv(run.marker, run.temp);
}

/** Sends the signal, then checks the run's promise: exit 130, nothing left running, no temp dir, no stray file. */
async function interruptAndCheck(run: Run, signal: 'SIGINT' | 'SIGTERM', running: RegExp | null, group = false): Promise<string> {
  if (running)
    assert.ok(
      processesWithEnv(run.marker, run.temp).some((p) => running.test(p.cmd)),
      `${running} was running when the signal was sent`,
    );
  const at = run.stderr().length;
  const t0 = Date.now();
  if (group) process.kill(-(run.child.pid as number), signal);
  else run.child.kill(signal);
  let timer: NodeJS.Timeout | undefined;
  const code = await Promise.race([run.exited, new Promise((r) => (timer = setTimeout(r, 60_000, 'no exit within 60 s')))]);
  clearTimeout(timer);
  const after = run.stderr().slice(at);
  const ms = Date.now() - t0;
  console.log(`interrupt: ${signal}${group ? ' (process group)' : ''} → exit ${code} after ${ms} ms`);
  assert.equal(code, 130, run.stderr());
  // Stopping four servers takes a few seconds on a loaded machine; abandoned work must not hold the exit for its timeouts.
  assert.ok(ms < 15_000, `exited ${ms} ms after the signal`);
  assert.match(after, new RegExp(`interrupted by ${signal}`), 'says why it stopped');
  assert.doesNotMatch(after, /cleanup:|unhandled|TypeError|ReferenceError/i, 'a clean unwind');
  assert.deepEqual(await leftovers(run), [], 'no process of the run is left');
  assert.deepEqual(ours(run.temp), [], 'no accessbench temp dir is left');
  const results = join(run.work, 'results');
  for (const f of existsSync(results) ? readdirSync(results) : []) {
    assert.doesNotMatch(f, /\.tmp$/, `no half-written result: ${f}`);
    const r = Result.parse(JSON.parse(readFileSync(join(results, f), 'utf8')));
    // A result is only written once every strategy has been measured; an interrupted one must say it is partial.
    assert.ok(
      r.partial || r.scenarios.every((s) => s.strategies.every((x) => x.status === 'completed')),
      `${f} is complete or marked partial`,
    );
  }
  return after;
}

function resultFiles(run: Run): string[] {
  const dir = join(run.work, 'results');
  return existsSync(dir) ? readdirSync(dir) : [];
}

/** Whatever happened, nothing of this run survives the test. */
function dispose(run: Run): void {
  run.child.kill('SIGKILL');
  for (const p of processesWithEnv(run.marker, run.temp)) {
    try {
      process.kill(p.pid, 'SIGKILL');
    } catch {
      /* gone */
    }
  }
  rmSync(run.work, { recursive: true, force: true });
}

describe('an interrupted run leaves nothing behind', () => {
  it('SIGINT while infra starts (primary up, replica starting; Redis and FerretDB not yet)', async (t) => {
    if (skipIfMissing(t, missingAll)) return;
    const run = launch(ALL_BACKENDS, ['--duration', '0.5s', '--warmup', '0.3s', '--trials', '1']);
    try {
      await untilLog(run, /infra: starting postgres, replica, redis, mongo/);
      // The standby's postgres exists only while infra is starting: startReplica is mid-way.
      await untilProcess(run, /postgres .*-D \S*replica/);
      const after = await interruptAndCheck(run, 'SIGINT', /postgres .*-D \S*primary/);
      // The local provider seeds PostgreSQL (or restores it from the seed cache) while starting; the run's seed step,
      // which seeds everything else, comes after infra and must not have begun.
      assert.doesNotMatch(run.stderr(), /seed: \w+ preset/, 'interrupted before the seed step');
      assert.doesNotMatch(after, /infra: redis up|infra: mongo up/, 'Redis and FerretDB were not started after the signal');
      assert.deepEqual(resultFiles(run), []);
    } finally {
      dispose(run);
    }
  });

  it('SIGINT just as redis-server answers (FerretDB next): nothing is started after the signal', async (t) => {
    if (skipIfMissing(t, missingAll)) return;
    const run = launch('pg-join,pg-cached-redis,mongoose-lean', ['--duration', '0.5s', '--warmup', '0.3s', '--trials', '1']);
    try {
      await untilProcess(run, /redis-server/);
      await interruptAndCheck(run, 'SIGINT', /redis-server/);
      // The local provider seeds PostgreSQL (or restores it from the seed cache) while starting; the run's seed step,
      // which seeds everything else, comes after infra and must not have begun.
      assert.doesNotMatch(run.stderr(), /seed: \w+ preset/, 'interrupted before the seed step');
      assert.deepEqual(resultFiles(run), []);
    } finally {
      dispose(run);
    }
  });

  it('SIGINT while seeding MongoDB (small preset: seconds of inserts into FerretDB)', async (t) => {
    if (skipIfMissing(t, missingAll)) return;
    const run = launch('pg-join,mongoose-lean', ['--preset', 'small', '--duration', '0.5s', '--warmup', '0.3s', '--trials', '1']);
    try {
      // Logged by the seed step once PostgreSQL is done (seeded by the provider), just before MongoDB is seeded.
      await untilLog(run, /seed: postgres \d+ rows (seeded|restored)/);
      await interruptAndCheck(run, 'SIGINT', /ferretdb|mongod/);
      assert.doesNotMatch(run.stderr(), /seed: mongo .* docs|verify/, 'interrupted while seeding');
      assert.deepEqual(resultFiles(run), []);
    } finally {
      dispose(run);
    }
  });

  it('Ctrl-C to the whole process group (as a terminal sends it) during verification', async (t) => {
    if (skipIfMissing(t, missingPg)) return;
    const run = launch('pg-join,prisma-naive,pg-naive', ['--duration', '0.5s', '--warmup', '0.3s', '--trials', '1'], null, true);
    try {
      await untilLog(run, /post-detail\/pg-join: verify ok/);
      await interruptAndCheck(run, 'SIGINT', /src\/server\/main\.ts/, true);
      assert.doesNotMatch(run.stderr(), /post-detail\/pg-naive: verify|timing/, 'interrupted during verification');
      assert.deepEqual(resultFiles(run), []);
    } finally {
      dispose(run);
    }
  });

  it('SIGTERM during the load (cold requests, warmup, trials)', async (t) => {
    if (skipIfMissing(t, missingPg)) return;
    const run = launch('pg-join,prisma-naive', ['--duration', '3s', '--warmup', '1s', '--trials', '3']);
    try {
      await untilLog(run, /post-detail: timing/);
      await sleep(2500); // into warmup and the first trial
      await interruptAndCheck(run, 'SIGTERM', /src\/server\/main\.ts/);
      assert.doesNotMatch(run.stderr(), /results:/, 'interrupted before the result was written');
      assert.deepEqual(resultFiles(run), []);
    } finally {
      dispose(run);
    }
  });

  it('SIGINT as the report phase begins (the CLI paused there): the finished result stays whole', async (t) => {
    if (skipIfMissing(t, missingPg)) return;
    const run = launch('pg-join', ['--duration', '0.3s', '--warmup', '0.2s', '--trials', '1'], 'report=60000');
    try {
      await untilLog(run, /report: paused for/);
      // Every backend has been stopped before the result is written; only the CLI itself is left.
      await interruptAndCheck(run, 'SIGINT', null);
      const files = resultFiles(run);
      assert.equal(files.length, 1, 'the result measured before the signal is kept');
      const r = Result.parse(JSON.parse(readFileSync(join(run.work, 'results', files[0] as string), 'utf8')));
      assert.equal(r.partial, false);
      assert.equal(r.scenarios[0]?.strategies[0]?.status, 'completed');
      assert.ok(!existsSync(join(run.work, 'report', 'index.html')), 'no report after the signal');
      const reportDir = join(run.work, 'report');
      assert.deepEqual(existsSync(reportDir) ? readdirSync(reportDir) : [], [], 'no half-written report');
    } finally {
      dispose(run);
    }
  });
});
