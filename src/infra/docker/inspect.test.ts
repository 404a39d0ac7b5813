// Reading what ran and what it cost: image records (digest, stand-in label) and CPU time from cgroup files of
// either version, checked on fake cgroup trees laid out as the kernel lays them out.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir } from '../../core/lifecycle.ts';
import { cgroupCpuMicros, imageRecord, STAND_IN_LABEL, statsCpuMicros } from './inspect.ts';

const D1 = `sha256:${'a'.repeat(64)}`;
const D2 = `sha256:${'b'.repeat(64)}`;

describe('docker inspect helpers', () => {
  it('record the repo digest when the engine has one, else the image id, and the stand-in label', () => {
    assert.deepEqual(imageRecord('postgres:17.6', { Image: D2 }, { Id: D2, RepoDigests: [`docker.io/library/postgres@${D1}`] }), {
      name: 'postgres:17.6',
      digest: D1,
    });
    assert.deepEqual(imageRecord('x:1', { Image: D2, Config: { Labels: { [STAND_IN_LABEL]: 'redis' } } }, { Id: D2, RepoDigests: [] }), {
      name: 'x:1',
      digest: D2,
      standInFor: 'redis',
    });
    assert.equal(imageRecord('x:1', { Image: 'c'.repeat(64) }, null).digest, `sha256:${'c'.repeat(64)}`);
  });

  it('read usage_usec from cgroup v2 cpu.stat, at the root or under unified/ (hybrid)', async () => {
    const tmp = makeTempDir('cgroup');
    try {
      const own = readFileSync('/proc/self/cgroup', 'utf8')
        .split('\n')
        .find((l) => l.startsWith('0::'));
      if (!own) return assert.fail('this kernel shows no cgroup v2 line; the fake tree below assumes one');
      const dir = join(tmp.path, 'unified', own.slice(3));
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'cpu.stat'), 'usage_usec 1234567\nuser_usec 1000000\nsystem_usec 234567\n');
      assert.equal(cgroupCpuMicros(process.pid, tmp.path), 1234567);
    } finally {
      await tmp.remove();
    }
  });

  it('fall back to cgroup v1 cpuacct.usage (nanoseconds) when there is no v2 cpu.stat', async () => {
    const tmp = makeTempDir('cgroup');
    try {
      const v1 = readFileSync('/proc/self/cgroup', 'utf8')
        .split('\n')
        .map((l) => l.split(':'))
        .find(([, c]) => c?.split(',').includes('cpuacct'));
      if (!v1) return; // a pure cgroup v2 host has no cpuacct hierarchy to fall back to
      const dir = join(tmp.path, v1[1] as string, v1[2] as string);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'cpuacct.usage'), '5000000123\n');
      assert.equal(cgroupCpuMicros(process.pid, tmp.path), 5000000);
      assert.equal(cgroupCpuMicros(2 ** 30, tmp.path), null, 'no such process');
    } finally {
      await tmp.remove();
    }
  });

  it('read total_usage (ns) from the stats API, and nothing from an empty answer', () => {
    assert.equal(statsCpuMicros({ cpu_stats: { cpu_usage: { total_usage: 2_500_000 } } }), 2500);
    assert.equal(statsCpuMicros({ cpu_stats: {} }), null);
    assert.equal(statsCpuMicros(null), null);
  });
});
