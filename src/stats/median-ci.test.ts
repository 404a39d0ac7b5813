import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createRng } from '../core/rng.ts';
import { medianCi, orderStatisticCoverage, relativeHalfWidth, trialsForConfidence } from './median-ci.ts';

test('coverage of [min, max] is 1 − 2·½ⁿ: 75 % for 3 trials, 93.75 % for 5, 96.875 % for 6', () => {
  assert.equal(orderStatisticCoverage(3, 1), 0.75);
  assert.equal(orderStatisticCoverage(5, 1), 0.9375);
  assert.equal(orderStatisticCoverage(6, 1), 0.96875);
  assert.equal(trialsForConfidence(0.95), 6);
});

test('few trials give [min, max] labelled with their real confidence, never 95 %', () => {
  const ci = medianCi([10, 30, 20]);
  assert.deepEqual(ci, { estimate: 20, low: 10, high: 30, confidence: 0.75 });
});

test('more trials narrow to inner order statistics while keeping at least the wanted confidence', () => {
  const xs = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
  const ci = medianCi(xs);
  assert.ok(ci.confidence >= 0.95, `confidence ${ci.confidence}`);
  assert.ok(ci.low > 1 && ci.high < 12, `[${ci.low}, ${ci.high}] should leave out the extremes`);
  // The next narrower interval would fall below 95 %.
  const k = ci.low; // xs[i] = i + 1
  assert.ok(orderStatisticCoverage(12, k + 1) < 0.95);
});

test('a single trial says nothing about spread', () => {
  assert.deepEqual(medianCi([5]), { estimate: 5, low: 5, high: 5, confidence: 0 });
});

test('the interval covers the true median at least as often as it says (simulated skewed trials)', () => {
  const rng = createRng(7);
  let covered = 0;
  const runs = 2000;
  // Exponential trials: true median ln 2.
  for (let r = 0; r < runs; r++) {
    const xs = Array.from({ length: 10 }, () => -Math.log(1 - rng.next()));
    const ci = medianCi(xs);
    if (ci.low <= Math.LN2 && Math.LN2 <= ci.high) covered++;
  }
  const c = medianCi(Array.from({ length: 10 }, (_, i) => i)).confidence;
  assert.ok(covered / runs >= c - 0.02, `covered ${covered / runs}, claimed ${c}`);
});

test('relative half-width', () => {
  assert.equal(relativeHalfWidth({ estimate: 100, low: 97, high: 103 }), 0.03);
  assert.equal(relativeHalfWidth({ estimate: 0, low: 0, high: 0 }), 0);
  assert.throws(() => medianCi([]), /no samples/);
  assert.throws(() => medianCi([1, Number.NaN]), /not finite/);
});
