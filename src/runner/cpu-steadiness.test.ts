// The probe itself, on this machine: one copy per core, pinned where taskset exists, windows of the asked length; and
// a run interrupted during it leaves no copy behind. What the spread is depends on the machine and is not asserted.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { runCleanups } from '../core/lifecycle.ts';
import { machineCores } from '../infra/placement.ts';
import { measureCpuSteadiness, probeSec, SteadinessSampler } from './cpu-steadiness.ts';

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

  it('a run samples it at several moments and pools the windows; 0 seconds takes none', async () => {
    const profile = { steadinessSec: 0.3, trialSec: 0.1 };
    const lines: string[] = [];
    const sampler = new SteadinessSampler(profile, (l) => lines.push(l));
    assert.equal(sampler.result(), null, 'nothing before the first moment');
    await sampler.sample(null);
    const first = sampler.result();
    await sampler.sample('before feed');
    await sampler.sample('before mixed');
    const pooled = sampler.result();
    assert.ok(first && pooled, JSON.stringify({ first, pooled }));
    assert.equal(first.moments, undefined, 'one moment');
    assert.equal(first.sec, probeSec(profile));
    // The later moments are two windows of a trial's length each.
    assert.deepEqual([pooled.moments, pooled.sec, pooled.windowSec, pooled.cores], [3, probeSec(profile) + 2 * 0.2, 0.1, machineCores()]);
    assert.ok(pooled.windows > first.windows, `${pooled.windows} windows pooled, ${first.windows} at the first moment`);
    assert.equal(lines.length, 3, lines.join('\n'));
    assert.match(lines[0] as string, /^machine: CPU speed over 0\.1 s windows/);
    assert.match(lines[2] as string, /^machine: before mixed: CPU speed over 0\.1 s windows/);
    assert.deepEqual(probes(), []);

    const off = new SteadinessSampler({ steadinessSec: 0, trialSec: 0.1 }, (l) => lines.push(l));
    await off.sample(null);
    await off.sample('before feed');
    assert.equal(off.result(), null);
    assert.equal(lines.length, 3, 'nothing logged when off');
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
