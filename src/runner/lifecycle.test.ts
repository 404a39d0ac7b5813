// A whole run through the CLI, as a user starts it: it writes a valid result and a report, and leaves no process and
// no temp dir behind — after a normal run and after Ctrl-C in the middle of one.
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
import { sleep } from '../core/net.ts';

const BIN = fileURLToPath(new URL('../../bin/accessbench.js', import.meta.url));
const missing = await missingPostgres();

interface Launched {
  work: string;
  temp: string;
  marker: string;
  stderr: () => string;
  exited: Promise<number | null>;
  child: ReturnType<typeof spawn>;
}

function launch(extra: string[]): Launched {
  const work = mkdtempSync(join(tmpdir(), 'ab-run-'));
  const temp = join(work, 'tmp');
  // The run's own temp root: postgres (running as its own OS user) must be able to traverse it.
  mkdirSync(temp);
  chmodSync(work, 0o755);
  chmodSync(temp, 0o755);
  const marker = `ACCESSBENCH_TEST_MARKER=${randomBytes(6).toString('hex')}`;
  // Local servers: what is left behind is checked among this machine's processes (a CI engine would make auto pick docker).
  const args = [BIN, 'run', '--profile', 'quick', '--infra', 'local', '--scenario', 'post-detail', '--strategy', 'pg-join,prisma-naive'];
  args.push('--out', join(work, 'results'), '--report', join(work, 'report', 'index.html'), ...extra);
  const child = spawn(process.execPath, args, {
    env: { ...process.env, TMPDIR: temp, [marker.split('=')[0] as string]: marker.split('=')[1] },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr?.on('data', (c: Buffer) => (err += c.toString()));
  child.stdout?.resume();
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { work, temp, marker, stderr: () => err, exited, child };
}

/** The run's temp dirs (tsx keeps its own compile cache in TMPDIR too; that one is not the run's). */
const ours = (dir: string): string[] => readdirSync(dir).filter((f) => f.startsWith('accessbench-'));

/** Leftover processes can take a moment to be reaped after the parent exits; give them a bounded grace period. */
async function leftovers(marker: string, dir: string): Promise<Array<{ pid: number; cmd: string }>> {
  // The temp root as well as the env marker: redis-server and postgres children rewrite their environ block.
  for (let i = 0; i < 20; i++) {
    const p = processesWithEnv(marker, dir);
    if (p.length === 0) return p;
    await sleep(250);
  }
  return processesWithEnv(marker, dir);
}

describe('a run, end to end', () => {
  it('writes a valid result and a report, and leaves nothing behind', async (t) => {
    if (skipIfMissing(t, missing)) return;
    const run = launch(['--duration', '1s', '--warmup', '0.5s', '--trials', '3']);
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
      assert.deepEqual(await leftovers(run.marker, run.temp), []);
      assert.deepEqual(ours(run.temp), [], 'no accessbench temp dir left');
    } finally {
      run.child.kill('SIGKILL');
      rmSync(run.work, { recursive: true, force: true });
    }
  });

  it('stops everything and exits 130 on SIGINT in the middle of the load', async (t) => {
    if (skipIfMissing(t, missing)) return;
    const run = launch(['--duration', '5s', '--warmup', '1s', '--trials', '5']);
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
      assert.deepEqual(await leftovers(run.marker, run.temp), []);
      assert.deepEqual(ours(run.temp), [], 'no accessbench temp dir left');
      assert.ok(!existsSync(join(run.work, 'results')) || readdirSync(join(run.work, 'results')).length === 0, 'no result written');
    } finally {
      run.child.kill('SIGKILL');
      rmSync(run.work, { recursive: true, force: true });
    }
  });
});
