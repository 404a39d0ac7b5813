// `accessbench clean` stops only what lives inside an accessbench temp dir and removes those dirs.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, existsSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clean } from './clean.ts';
import { sleep } from '../core/net.ts';

describe('clean', () => {
  it('stops processes left in accessbench-* temp dirs, removes the dirs, and leaves everything else alone', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'ab-clean-'));
    const leftover = join(tmp, 'accessbench-local-abc123');
    const other = join(tmp, 'not-ours');
    mkdirSync(join(leftover, 'redis'), { recursive: true });
    mkdirSync(other);
    writeFileSync(join(other, 'keep'), 'x');
    // Stand-ins for servers a SIGKILLed run left behind: one names the dir in its arguments, one runs inside it.
    const idle = (args: string[], cwd?: string) =>
      spawn(process.execPath, ['-e', 'setTimeout(() => {}, 300_000)', ...args], { cwd, stdio: 'ignore' });
    const byArg = idle([`${leftover}/redis`]);
    const byCwd = idle([], join(leftover, 'redis'));
    const bystander = idle([other]);
    // Listen before clean() runs: it waits for the processes to die, so their exit events fire during the call.
    const gone = Promise.all([byArg, byCwd].map((c) => new Promise((r) => c.on('exit', r))));
    try {
      await sleep(200);
      const o = await clean({ tmp });
      assert.deepEqual(o.stopped.map((p) => p.pid).sort(), [byArg.pid, byCwd.pid].sort());
      await gone;
      assert.equal(existsSync(leftover), false);
      assert.deepEqual(o.removed, [leftover]);
      assert.equal(bystander.exitCode, null, 'a process outside the temp dirs is never touched');
      assert.equal(existsSync(join(other, 'keep')), true);
    } finally {
      for (const c of [byArg, byCwd, bystander]) c.kill('SIGKILL');
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});
