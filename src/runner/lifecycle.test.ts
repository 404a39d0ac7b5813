// A whole run through the CLI, as a user starts it: it writes a valid result and a report, and leaves no process and
// no temp dir behind — after a normal run, after Ctrl-C in the middle of one, and after SIGTERM with its output closed.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Result } from '../results/schema.ts';
import { processesWithEnv } from '../testing/processes.ts';
import { missingPostgres, skipIfMissing } from '../testing/backends.ts';
import { disposeRun, launchRun, leftovers, runTempDirs } from '../testing/cli-run.ts';
import { sleep } from '../core/net.ts';

const missing = await missingPostgres();
// Runs interrupted in the load skip the processors' steadiness probe (five 5 s trials' length, 25 s, before the first
// scenario): the first test runs it; Ctrl-C during it is src/runner/cpu-steadiness.test.ts's.
const NO_PROBE = ['--steadiness', '0'];

describe('a run, end to end', () => {
  it('writes a valid result and a report, and leaves nothing behind', async (t) => {
    if (skipIfMissing(t, missing)) return;
    const run = launchRun({ strategies: 'pg-join,prisma-naive', extra: ['--duration', '0.5s', '--warmup', '0.5s', '--trials', '3'] });
    try {
      const code = await run.exited;
      assert.equal(code, 0, run.stderr());
      const files = readdirSync(join(run.work, 'results'));
      assert.equal(files.length, 1);
      const result = Result.parse(JSON.parse(readFileSync(join(run.work, 'results', files[0] as string), 'utf8')));
      const pd = result.scenarios.find((s) => s.name === 'post-detail');
      assert.ok(pd);
      for (const s of pd.strategies) {
        assert.equal(s.status, 'completed', `${s.strategy}: ${'reason' in s ? s.reason : ''}`);
        if (s.status !== 'completed') continue;
        assert.equal(s.levels[0]?.trials.length, 3);
        assert.ok((s.levels[0]?.summary.rps.estimate ?? 0) > 0);
      }
      assert.ok(existsSync(join(run.work, 'report', 'index.html')));
      assert.deepEqual(await leftovers(run), []);
      assert.deepEqual(runTempDirs(run), [], 'no accessbench temp dir left');
    } finally {
      disposeRun(run);
    }
  });

  it('stops everything and exits 130 on SIGINT in the middle of the load', async (t) => {
    if (skipIfMissing(t, missing)) return;
    const run = launchRun({
      strategies: 'pg-join,prisma-naive',
      extra: ['--duration', '5s', '--warmup', '1s', '--trials', '5', ...NO_PROBE],
    });
    try {
      const deadline = Date.now() + 120_000;
      while (!/post-detail: timing/.test(run.stderr()) && Date.now() < deadline) await sleep(100);
      assert.match(run.stderr(), /post-detail: timing/, 'the run reached the load phase');
      await sleep(4000); // cold requests and warmup (1 s each strategy), then into the first trials
      assert.ok(
        processesWithEnv(run.marker).some((p) => /postgres/.test(p.cmd)),
        'postgres was running',
      );
      run.child.kill('SIGINT');
      let timer: NodeJS.Timeout | undefined;
      const code = await Promise.race([run.exited, new Promise((r) => (timer = setTimeout(() => r('timeout'), 30_000)))]);
      clearTimeout(timer);
      assert.equal(code, 130, run.stderr());
      assert.deepEqual(await leftovers(run), []);
      assert.deepEqual(runTempDirs(run), [], 'no accessbench temp dir left');
      assert.ok(!existsSync(join(run.work, 'results')) || readdirSync(join(run.work, 'results')).length === 0, 'no result written');
    } finally {
      disposeRun(run);
    }
  });

  it('stops everything on SIGTERM after the reader of its output went away (a parent killed or timed out, `| head`)', async (t) => {
    if (skipIfMissing(t, missing)) return;
    const run = launchRun({ strategies: 'pg-join', extra: ['--duration', '5s', '--warmup', '1s', '--trials', '5', ...NO_PROBE] });
    try {
      const deadline = Date.now() + 120_000;
      while (!/post-detail: timing/.test(run.stderr()) && Date.now() < deadline) await sleep(100);
      assert.match(run.stderr(), /post-detail: timing/, 'the run reached the load phase');
      // Writing "infra: stopping" to a closed pipe used to throw EPIPE and end the CLI before its cleanups.
      run.child.stdout?.destroy();
      run.child.stderr?.destroy();
      run.child.kill('SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      const code = await Promise.race([run.exited, new Promise((r) => (timer = setTimeout(() => r('timeout'), 30_000)))]);
      clearTimeout(timer);
      assert.equal(code, 130);
      assert.deepEqual(await leftovers(run), []);
      assert.deepEqual(runTempDirs(run), [], 'no accessbench temp dir left');
    } finally {
      disposeRun(run);
    }
  });
});
