// Labels of the contenders of one strategy in `ab` and `calibrate`: side and server process.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { asBase, asProcess, contenderOf, isBase, pairOf, processOf } from './pair.ts';
import { perProcess } from './processes.ts';
import { tinyProfile } from '../testing/profile.ts';

describe('contender labels', () => {
  const s = { name: 'pg-join' } as Parameters<typeof asBase>[0];
  it('names the side and the process, and reads both back', () => {
    const labels = [s, asBase(s), asProcess(s, 2), asProcess(asBase(s), 2), asProcess(asBase(s), 1)].map((x) => x.name);
    assert.deepEqual(labels, ['pg-join', 'pg-join@base', 'pg-join#2', 'pg-join@base#2', 'pg-join@base']);
    assert.deepEqual(labels.map(pairOf), Array(5).fill('pg-join'));
    assert.deepEqual(labels.map(isBase), [false, true, false, true, true]);
    assert.deepEqual(labels.map(processOf), [1, 1, 2, 2, 1]);
    assert.deepEqual(labels.map(contenderOf), ['pg-join', 'pg-join@base', 'pg-join', 'pg-join@base', 'pg-join@base']);
    assert.equal(pairOf('graphql#dataloader@base#3'), 'graphql#dataloader', 'only a trailing number is a process');
  });

  it('shares the rounds out between the processes, never under three each', () => {
    const p = tinyProfile({ trials: 16, maxTrials: 24 });
    assert.deepEqual(perProcess(p, 1), { trials: 16, maxTrials: 24 });
    assert.deepEqual(perProcess(p, 2), { trials: 8, maxTrials: 12 });
    assert.deepEqual(perProcess(tinyProfile({ trials: 3, maxTrials: 3 }), 2), { trials: 3, maxTrials: 3 });
  });
});
