import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createRng, type Rng } from '../core/rng.ts';
import type { Interval } from '../results/schema.ts';
import { bootstrapCi, ratioOfMediansCi, verdict } from './bootstrap.ts';
import { mean } from './summary.ts';

/** Box–Muller: a standard normal deviate from two uniforms of the seeded rng. */
function normal(rng: Rng, mu: number, sigma: number): number {
  const u1 = 1 - rng.next(); // (0, 1]: log(0) would be -Infinity
  const u2 = rng.next();
  return mu + sigma * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

function normalSample(rng: Rng, n: number, mu: number, sigma: number): number[] {
  return Array.from({ length: n }, () => normal(rng, mu, sigma));
}

const contains = (ci: Interval, x: number): boolean => ci.low <= x && x <= ci.high;

function assertSane(ci: Interval): void {
  for (const v of [ci.estimate, ci.low, ci.high]) assert.ok(Number.isFinite(v), JSON.stringify(ci));
  assert.ok(ci.low <= ci.estimate && ci.estimate <= ci.high, JSON.stringify(ci));
}

describe('bootstrapCi', () => {
  it('95 % interval for the median covers the true median in about 95 % of replications', () => {
    const data = createRng(2024);
    const replications = 400;
    let covered = 0;
    for (let r = 0; r < replications; r++) {
      const sample = normalSample(data, 30, 100, 15); // true median 100
      const ci = bootstrapCi(sample, undefined, {
        iterations: 1000,
        seed: r + 1,
      });
      if (contains(ci, 100)) covered++;
    }
    const coverage = covered / replications;
    assert.ok(coverage >= 0.9 && coverage <= 0.99, `coverage ${coverage}`);
  });

  it('a lower confidence level gives a narrower interval', () => {
    const sample = normalSample(createRng(5), 30, 100, 15);
    const wide = bootstrapCi(sample, undefined, { confidence: 0.95 });
    const narrow = bootstrapCi(sample, undefined, { confidence: 0.5 });
    assert.ok(narrow.high - narrow.low < wide.high - wide.low, `${JSON.stringify(narrow)} vs ${JSON.stringify(wide)}`);
  });

  it('is deterministic for a seed', () => {
    const sample = normalSample(createRng(9), 10, 50, 5);
    assert.deepEqual(bootstrapCi(sample, undefined, { seed: 3 }), bootstrapCi(sample, undefined, { seed: 3 }));
  });

  it('accepts another statistic', () => {
    const sample = [1, 2, 3, 4, 100];
    const ci = bootstrapCi(sample, mean);
    assert.equal(ci.estimate, 22);
    assertSane(ci);
  });

  it('gives a zero-width interval for one trial', () => {
    assert.deepEqual(bootstrapCi([1234]), {
      estimate: 1234,
      low: 1234,
      high: 1234,
    });
  });

  it('stays finite and ordered for 2 and 3 trials; with 3 it is the range of the trials', () => {
    assertSane(bootstrapCi([10, 20]));
    // Resampled medians of 3 trials are always one of the trials, and min/max each carry 7/27 > 2.5 % of the mass.
    assert.deepEqual(bootstrapCi([30, 10, 20]), {
      estimate: 20,
      low: 10,
      high: 30,
    });
  });

  it('refuses empty or non-finite samples and bad options', () => {
    assert.throws(() => bootstrapCi([]), RangeError);
    assert.throws(() => bootstrapCi([1, Number.NaN]), RangeError);
    assert.throws(() => bootstrapCi([1, 2], undefined, { confidence: 1 }), RangeError);
    assert.throws(() => bootstrapCi([1, 2], undefined, { iterations: 0 }), RangeError);
  });
});

describe('ratioOfMediansCi', () => {
  const base = normalSample(createRng(77), 30, 1000, 20);

  it('head = base × 1.5: the interval contains 1.5 and excludes 1', () => {
    const ci = ratioOfMediansCi(
      base,
      base.map((x) => x * 1.5),
    );
    assert.ok(Math.abs(ci.estimate - 1.5) < 1e-12, `estimate ${ci.estimate}`);
    assert.ok(contains(ci, 1.5), JSON.stringify(ci));
    assert.ok(ci.low > 1, JSON.stringify(ci));
  });

  it('identical samples: the interval contains 1 and the verdict is no-change', () => {
    const ci = ratioOfMediansCi(base, [...base]);
    assert.equal(ci.estimate, 1);
    assert.ok(contains(ci, 1), JSON.stringify(ci));
    assert.deepEqual(verdict(ci, { threshold: 0.1, higherIsBetter: true }), {
      verdict: 'no-change',
      regression: false,
    });
  });

  it('one trial per side never claims significance', () => {
    const ci = ratioOfMediansCi([100], [200]);
    assert.deepEqual(ci, { estimate: 2, low: 1, high: 2 });
    assert.equal(verdict(ci, { threshold: 0.1, higherIsBetter: false }).verdict, 'no-change');
    assertSane(ratioOfMediansCi([100, 101, 99], [50]));
  });

  it('three trials per side: significant only when the groups separate completely', () => {
    const separated = ratioOfMediansCi([100, 101, 102], [120, 121, 122]);
    assertSane(separated);
    assert.ok(Math.abs(separated.low - 120 / 102) < 1e-12, JSON.stringify(separated));
    assert.deepEqual(verdict(separated, { threshold: 0.1, higherIsBetter: false }), {
      verdict: 'slower',
      regression: true,
    });
    const overlapping = ratioOfMediansCi([100, 110, 120], [105, 115, 125]);
    assertSane(overlapping);
    assert.ok(contains(overlapping, 1), JSON.stringify(overlapping));
  });

  it('refuses non-positive trials', () => {
    assert.throws(() => ratioOfMediansCi([0, 1], [1, 2]), RangeError);
    assert.throws(() => ratioOfMediansCi([1, 2], [-1, 2]), RangeError);
  });

  it('end to end: a 20 % throughput drop is a regression at a 10 % threshold', () => {
    const rps = normalSample(createRng(3), 10, 5000, 50);
    const ci = ratioOfMediansCi(
      rps,
      rps.map((x) => x * 0.8),
    );
    assert.deepEqual(verdict(ci, { threshold: 0.1, higherIsBetter: true }), {
      verdict: 'slower',
      regression: true,
    });
  });
});

describe('verdict', () => {
  const iv = (estimate: number, low: number, high: number): Interval => ({
    estimate,
    low,
    high,
  });
  const rps = { threshold: 0.1, higherIsBetter: true };
  const latency = { threshold: 0.1, higherIsBetter: false };

  it('throughput: a significant 5 % drop is slower but within a 10 % threshold', () => {
    assert.deepEqual(verdict(iv(0.95, 0.93, 0.97), rps), {
      verdict: 'slower',
      regression: false,
    });
  });
  it('throughput: a significant 20 % drop is a regression', () => {
    assert.deepEqual(verdict(iv(0.8, 0.75, 0.85), rps), {
      verdict: 'slower',
      regression: true,
    });
  });
  it('throughput: a significant rise is faster', () => {
    assert.deepEqual(verdict(iv(1.2, 1.1, 1.3), rps), {
      verdict: 'faster',
      regression: false,
    });
  });
  it('latency: the direction flips, a rise is slower', () => {
    assert.deepEqual(verdict(iv(1.05, 1.02, 1.08), latency), {
      verdict: 'slower',
      regression: false,
    });
    assert.deepEqual(verdict(iv(1.2, 1.1, 1.3), latency), {
      verdict: 'slower',
      regression: true,
    });
    assert.deepEqual(verdict(iv(0.8, 0.75, 0.85), latency), {
      verdict: 'faster',
      regression: false,
    });
  });
  it('an interval spanning or touching 1 is no-change, however large the estimate', () => {
    assert.deepEqual(verdict(iv(1.3, 0.9, 1.7), latency), {
      verdict: 'no-change',
      regression: false,
    });
    assert.deepEqual(verdict(iv(0.7, 0.4, 1.1), rps), {
      verdict: 'no-change',
      regression: false,
    });
    assert.deepEqual(verdict(iv(1.3, 1, 1.6), latency), {
      verdict: 'no-change',
      regression: false,
    });
  });
  it('threshold 0 makes every significant slowdown a regression', () => {
    assert.equal(verdict(iv(0.99, 0.985, 0.995), { threshold: 0, higherIsBetter: true }).regression, true);
  });
  it('refuses a negative or non-finite threshold', () => {
    assert.throws(() => verdict(iv(1, 1, 1), { threshold: -0.1, higherIsBetter: true }), RangeError);
    assert.throws(() => verdict(iv(1, 1, 1), { threshold: Number.NaN, higherIsBetter: true }), RangeError);
  });
});
