import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cv, mean, median, quantile, stddev } from './summary.ts';

const close = (actual: number, expected: number, eps = 1e-12): void =>
  assert.ok(Math.abs(actual - expected) <= eps, `${actual} is not within ${eps} of ${expected}`);

describe('median', () => {
  it('takes the middle value of an odd sample, whatever its order', () => {
    assert.equal(median([3, 1, 2]), 2);
    assert.equal(median([9, -4, 7, 100, 0]), 7);
  });
  it('averages the two middle values of an even sample', () => {
    assert.equal(median([4, 1, 3, 2]), 2.5);
  });
  it('returns the only value of a single sample', () => {
    assert.equal(median([5]), 5);
  });
  it('leaves its input unsorted', () => {
    const xs = [3, 1, 2];
    median(xs);
    assert.deepEqual(xs, [3, 1, 2]);
  });
  it('refuses an empty sample', () => {
    assert.throws(() => median([]), RangeError);
  });
});

describe('mean, stddev, cv', () => {
  // Classic textbook sample: mean 5, sum of squared deviations 32.
  const xs = [2, 4, 4, 4, 5, 5, 7, 9];
  it('computes the arithmetic mean', () => {
    assert.equal(mean(xs), 5);
    assert.equal(mean([1, 2, 3, 4]), 2.5);
    assert.throws(() => mean([]), RangeError);
  });
  it('uses the n − 1 (sample) denominator', () => {
    close(stddev(xs), Math.sqrt(32 / 7));
    close(stddev([1, 3]), Math.SQRT2);
  });
  it('reports no spread for fewer than two samples', () => {
    assert.equal(stddev([]), 0);
    assert.equal(stddev([42]), 0);
  });
  it('cv is stddev over mean, 0 for fewer than two samples or all zeros', () => {
    close(cv(xs), Math.sqrt(32 / 7) / 5);
    close(cv([100, 100, 100]), 0);
    assert.equal(cv([1000]), 0);
    assert.equal(cv([]), 0);
    assert.equal(cv([0, 0]), 0);
  });
  it('cv is unit-free: scaling the sample does not change it', () => {
    close(cv(xs.map((x) => x * 1000)), cv(xs));
  });
});

describe('quantile (type 7)', () => {
  it('interpolates linearly between order statistics, as R and NumPy do', () => {
    // R: quantile(c(10, 20, 30, 40), c(0.1, 0.5, 0.9)) → 13 25 37
    close(quantile([10, 20, 30, 40], 0.1), 13);
    close(quantile([10, 20, 30, 40], 0.5), 25);
    close(quantile([10, 20, 30, 40], 0.9), 37);
    close(quantile([1, 2, 3, 4, 5], 0.25), 2);
  });
  it('returns min and max at the ends', () => {
    assert.equal(quantile([1, 5, 9], 0), 1);
    assert.equal(quantile([1, 5, 9], 1), 9);
    assert.equal(quantile([7], 0.3), 7);
  });
  it('refuses an empty sample or q outside [0, 1]', () => {
    assert.throws(() => quantile([], 0.5), RangeError);
    assert.throws(() => quantile([1, 2], 1.5), RangeError);
    assert.throws(() => quantile([1, 2], -0.1), RangeError);
    assert.throws(() => quantile([1, 2], Number.NaN), RangeError);
  });
});
