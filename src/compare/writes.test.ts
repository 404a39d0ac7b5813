// compare refuses two results whose mixed scenario ran under other writes: a share against a rate, or uniform against
// hot writes, is another load, not another commit.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Result } from '../results/schema.ts';
import { buildFixtureResult } from '../testing/report-fixtures/result.ts';
import { incompatibilities } from './compatibility.ts';

function withMixed(patch: Partial<Result['scenarios'][number]>): Result {
  const r = buildFixtureResult();
  return { ...r, scenarios: r.scenarios.map((s) => (s.name === 'mixed' ? { ...s, ...patch } : s)) };
}

describe('compare: the writes of a mixed scenario', () => {
  it('the same writes are comparable, an older file without a target reads as uniform', () => {
    assert.deepEqual(incompatibilities(withMixed({}), withMixed({ writeTarget: 'uniform' })), []);
  });

  it('hot against uniform, or a rate against a share, is refused with both sides named', () => {
    const hot = incompatibilities(withMixed({}), withMixed({ writeTarget: 'hot' }));
    assert.deepEqual(hot, ['mixed: different writes (base 10 % writes, uniform, head 10 % writes, hot)']);
    const paced = incompatibilities(withMixed({}), withMixed({ writeRatio: 0, writeRate: 100, writeTarget: 'uniform' }));
    assert.deepEqual(paced, ['mixed: different writes (base 10 % writes, uniform, head 100 writes/s, uniform)']);
  });
});
