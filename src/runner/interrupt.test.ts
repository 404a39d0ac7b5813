// Ctrl-C (and SIGTERM) in every phase of a run, through the CLI as a user starts it: whatever phase the signal lands
// in, the run exits 130 and leaves no database, no strategy server, no temp dir and no half-written result behind.
// The phase is read from the non-TTY progress lines on stderr; report writing is too short to hit, so that case runs
// the same CLI through src/testing/paused-cli.ts, which pauses it (an onPhase hook) before the report is written.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Result } from '../results/schema.ts';
import { processesWithEnv } from '../testing/processes.ts';
import { missingPostgres, skipIfMissing } from '../testing/backends.ts';
import { disposeRun, launchRun, leftovers, runTempDirs, type LaunchedRun } from '../testing/cli-run.ts';
import { findRedisServer } from '../infra/local/redis.ts';
import { findMongoBinary } from '../infra/local/mongo.ts';
import { sleep } from '../core/net.ts';

const missingPg = await missingPostgres();
const missingAll =
  missingPg ??
  (findRedisServer() ? null : 'redis-server not on PATH') ??
  (findMongoBinary() ? null : 'neither mongod nor ferretdb on PATH');
// Four backends at once: primary, streaming replica, Redis, FerretDB (or mongod).
const ALL_BACKENDS = 'pg-join,pg-replica,pg-cached-redis,mongoose-lean';

/** Waits until stderr matches; fails at once if the run ended first. */
async function untilLog(run: LaunchedRun, re: RegExp, timeoutMs = 150_000): Promise<void> {
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
async function untilProcess(run: LaunchedRun, re: RegExp, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!processesWithEnv(run.marker, run.temp).some((p) => re.test(p.cmd))) {
    if (Date.now() > deadline) assert.fail(`no process ${re} within ${timeoutMs} ms:\n${run.stderr()}`);
    await sleep(50);
  }
}

/** Sends the signal, then checks the run's promise: exit 130, nothing left running, no temp dir, no stray file. */
async function interruptAndCheck(run: LaunchedRun, signal: 'SIGINT' | 'SIGTERM', running: RegExp | null, group = false): Promise<string> {
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
  assert.deepEqual(runTempDirs(run), [], 'no accessbench temp dir is left');
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

function resultFiles(run: LaunchedRun): string[] {
  const dir = join(run.work, 'results');
  return existsSync(dir) ? readdirSync(dir) : [];
}

describe('an interrupted run leaves nothing behind', () => {
  it('SIGINT while infra starts (primary up, replica starting; Redis and FerretDB not yet)', async (t) => {
    if (skipIfMissing(t, missingAll)) return;
    const run = launchRun({ strategies: ALL_BACKENDS, extra: ['--duration', '0.5s', '--warmup', '0.3s', '--trials', '1'] });
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
      disposeRun(run);
    }
  });

  it('SIGINT just as redis-server answers (FerretDB next): nothing is started after the signal', async (t) => {
    if (skipIfMissing(t, missingAll)) return;
    const run = launchRun({
      strategies: 'pg-join,pg-cached-redis,mongoose-lean',
      extra: ['--duration', '0.5s', '--warmup', '0.3s', '--trials', '1'],
    });
    try {
      await untilProcess(run, /redis-server/);
      await interruptAndCheck(run, 'SIGINT', /redis-server/);
      // The local provider seeds PostgreSQL (or restores it from the seed cache) while starting; the run's seed step,
      // which seeds everything else, comes after infra and must not have begun.
      assert.doesNotMatch(run.stderr(), /seed: \w+ preset/, 'interrupted before the seed step');
      assert.deepEqual(resultFiles(run), []);
    } finally {
      disposeRun(run);
    }
  });

  it('SIGINT while seeding MongoDB (small preset: seconds of inserts into FerretDB)', async (t) => {
    if (skipIfMissing(t, missingAll)) return;
    const run = launchRun({
      strategies: 'pg-join,mongoose-lean',
      extra: ['--preset', 'small', '--duration', '0.5s', '--warmup', '0.3s', '--trials', '1'],
    });
    try {
      // Logged by the seed step once PostgreSQL is done (seeded by the provider), just before MongoDB is seeded.
      await untilLog(run, /seed: postgres \d+ rows (seeded|restored)/);
      await interruptAndCheck(run, 'SIGINT', /ferretdb|mongod/);
      assert.doesNotMatch(run.stderr(), /seed: mongo .* docs|verify/, 'interrupted while seeding');
      assert.deepEqual(resultFiles(run), []);
    } finally {
      disposeRun(run);
    }
  });

  it('Ctrl-C to the whole process group (as a terminal sends it) during verification', async (t) => {
    if (skipIfMissing(t, missingPg)) return;
    const run = launchRun({
      strategies: 'pg-join,prisma-naive,pg-naive',
      extra: ['--duration', '0.5s', '--warmup', '0.3s', '--trials', '1'],
      group: true,
    });
    try {
      await untilLog(run, /post-detail\/pg-join: verify ok/);
      await interruptAndCheck(run, 'SIGINT', /src\/server\/main\.ts/, true);
      assert.doesNotMatch(run.stderr(), /post-detail\/pg-naive: verify|timing/, 'interrupted during verification');
      assert.deepEqual(resultFiles(run), []);
    } finally {
      disposeRun(run);
    }
  });

  it('SIGTERM during the load (cold requests, warmup, trials)', async (t) => {
    if (skipIfMissing(t, missingPg)) return;
    const run = launchRun({
      strategies: 'pg-join,prisma-naive',
      extra: ['--duration', '3s', '--warmup', '1s', '--trials', '3', '--steadiness', '0'],
    });
    try {
      await untilLog(run, /post-detail: timing/);
      await sleep(2500); // into warmup and the first trial
      await interruptAndCheck(run, 'SIGTERM', /src\/server\/main\.ts/);
      assert.doesNotMatch(run.stderr(), /results:/, 'interrupted before the result was written');
      assert.deepEqual(resultFiles(run), []);
    } finally {
      disposeRun(run);
    }
  });

  it('SIGINT as the report phase begins (the CLI paused there): the finished result stays whole', async (t) => {
    if (skipIfMissing(t, missingPg)) return;
    const run = launchRun({
      strategies: 'pg-join',
      extra: ['--duration', '0.3s', '--warmup', '0.2s', '--trials', '1'],
      pause: 'report=60000',
    });
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
      disposeRun(run);
    }
  });
});
