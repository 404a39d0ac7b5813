import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { allCores, machineCores, pin, splitCores } from './placement.ts';

const taskset = spawnSync('taskset', ['--version']).status === 0;

describe('placement', () => {
  it('splits the first core from the rest', () => {
    assert.equal(splitCores(1), null);
    assert.deepEqual(splitCores(2), { load: '0', servers: '1' });
    assert.deepEqual(splitCores(8), { load: '0', servers: '1-7' });
    assert.equal(allCores(1), '0');
    assert.equal(allCores(4), '0-3');
  });

  it('a pinned process still sees every core of the machine, and gets them all back', { skip: !taskset || machineCores() < 2 }, () => {
    const all = availableParallelism();
    try {
      assert.equal(pin(process.pid, '0'), null);
      assert.equal(availableParallelism(), 1, 'pinned to core 0');
      // A second split in the same process (the next scenario, calibrate's next pass) must still split the machine.
      assert.deepEqual(splitCores(), splitCores(all));
    } finally {
      assert.equal(pin(process.pid, allCores()), null);
    }
    assert.equal(availableParallelism(), all);
  });
});
