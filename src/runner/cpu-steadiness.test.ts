// The probe itself, on this machine: one copy per core, pinned where taskset exists, windows of the asked length; and
// a run interrupted during it leaves no copy behind. What the spread is depends on the machine and is not asserted.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { runCleanups } from '../core/lifecycle.ts';
import { machineCores } from '../infra/placement.ts';
import { measureCpuSteadiness } from './cpu-steadiness.ts';

const hasTaskset = spawnSync('taskset', ['--version']).status === 0;
/** This process's children whose command line is the probe's. */
const probes = (): string[] =>
  spawnSync('ps', ['-o', 'pid=,args=', '--ppid', String(process.pid)], { encoding: 'utf8' })
    .stdout.split('\n')
    .filter((l) => l.includes('process.cpuUsage'));

describe('CPU steadiness probe', () => {
  it('fixed work on every core at once, compared over windows of the asked length', async () => {
    const s = await measureCpuSteadiness({ sec: 0.5, windowSec: 0.1 });
    assert.equal(s.cores, machineCores());
    assert.equal(s.pinned, hasTaskset && s.cores > 1);
    // Each copy fills about five windows; on a busy machine some hold fewer than 3 chunks and are left out.
    assert.ok(s.windows >= s.cores && s.windows <= s.cores * 7, `${s.windows} windows`);
    assert.ok(s.cv >= 0 && s.slowest > 0 && s.slowest <= 1 && s.fastest >= 1, JSON.stringify(s));
    assert.deepEqual(probes(), []);
  });

  it('Ctrl-C (the run cleaning up) ends the copies at once', async () => {
    const pending = measureCpuSteadiness({ sec: 30, windowSec: 0.3 });
    const deadline = Date.now() + 10_000;
    while (probes().length < machineCores() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    assert.equal(probes().length, machineCores(), 'the copies were running');
    await runCleanups();
    await assert.rejects(pending, /CPU steadiness probe ended by SIGKILL/);
    assert.deepEqual(probes(), [], 'no copy left');
  });
});
