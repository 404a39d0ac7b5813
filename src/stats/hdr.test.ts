import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from '../core/rng.ts';
import {
  HIGHEST_TRACKABLE_US,
  createLatencyHistogram,
  decodeHistogram,
  encodeHistogram,
  mergeHistograms,
  msToUs,
  percentiles,
  recordMs,
  type LatencyHistogram,
} from './hdr.ts';

/** Nearest-rank percentile of the raw sample: the definition HdrHistogram approximates. */
function exactPercentile(sorted: readonly number[], p: number): number {
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] as number;
}

/** 3 significant digits: every reported value within 0.1 % of the exact one. */
function assertWithinHdrPrecision(actual: number, exact: number, what: string): void {
  const relative = Math.abs(actual - exact) / exact;
  assert.ok(relative <= 0.001, `${what}: HDR ${actual} vs exact ${exact} (relative error ${relative})`);
}

function checkAgainstExact(valuesUs: readonly number[]): void {
  const h = createLatencyHistogram();
  for (const us of valuesUs) recordMs(h, us / 1000);
  const sorted = [...valuesUs].sort((a, b) => a - b);
  const p = percentiles(h);
  assert.equal(h.totalCount, valuesUs.length);
  assertWithinHdrPrecision(p.p50, exactPercentile(sorted, 50), 'p50');
  assertWithinHdrPrecision(p.p90, exactPercentile(sorted, 90), 'p90');
  assertWithinHdrPrecision(p.p99, exactPercentile(sorted, 99), 'p99');
  assertWithinHdrPrecision(p.p999, exactPercentile(sorted, 99.9), 'p999');
  assertWithinHdrPrecision(p.max, sorted[sorted.length - 1] as number, 'max');
  assertWithinHdrPrecision(p.mean, valuesUs.reduce((a, b) => a + b, 0) / valuesUs.length, 'mean');
}

function bimodalUs(n: number, seed: number): number[] {
  // 90 % fast cache hits around 0.5 ms, 10 % slow misses around 50 ms: the shape of a cached strategy.
  const rng = createRng(seed);
  return Array.from({ length: n }, () => (rng.next() < 0.9 ? rng.int(400, 600) : rng.int(45_000, 55_000)));
}

function createFrom(valuesUs: readonly number[]): LatencyHistogram {
  const h = createLatencyHistogram();
  for (const us of valuesUs) recordMs(h, us / 1000);
  return h;
}

describe('latency histogram percentiles', () => {
  it('match exact percentiles of 1..100000 µs uniform within 0.1 %', () => {
    checkAgainstExact(Array.from({ length: 100_000 }, (_, i) => i + 1));
  });

  it('match exact percentiles of a bimodal sample within 0.1 %', () => {
    const values = bimodalUs(50_000, 7);
    checkAgainstExact(values);
    // Guard the test itself: p50 must sit in the fast mode and p99 in the slow one.
    const p = percentiles(createFrom(values));
    assert.ok(p.p50 < 1000 && p.p99 > 40_000, JSON.stringify(p));
  });

  it('reports zeros for an empty histogram', () => {
    assert.deepEqual(percentiles(createLatencyHistogram()), {
      p50: 0,
      p90: 0,
      p99: 0,
      p999: 0,
      max: 0,
      mean: 0,
    });
  });
});

describe('ms → µs conversion', () => {
  it('rounds float milliseconds to integer microseconds', () => {
    assert.equal(msToUs(1.5), 1500);
    assert.equal(msToUs(0.25), 250);
    assert.equal(msToUs(1.0004), 1000);
    assert.equal(msToUs(1.0006), 1001);
    assert.equal(msToUs(12.3456), 12346);
  });
  it('never records 0: sub-microsecond, zero and negative values become 1 µs', () => {
    assert.equal(msToUs(0.0004), 1);
    assert.equal(msToUs(0), 1);
    assert.equal(msToUs(-3), 1);
  });
  it('clamps beyond the trackable range instead of throwing', () => {
    assert.equal(msToUs(120_000), HIGHEST_TRACKABLE_US);
    const h = createLatencyHistogram();
    recordMs(h, 120_000);
    assert.equal(h.totalCount, 1);
  });
  it('refuses non-finite latencies', () => {
    assert.throws(() => msToUs(Number.NaN), RangeError);
    assert.throws(() => msToUs(Number.POSITIVE_INFINITY), RangeError);
  });
  it('records the converted value: percentiles come back in µs', () => {
    const h = createLatencyHistogram();
    recordMs(h, 0.25);
    recordMs(h, 1.5);
    recordMs(h, 1.5);
    const p = percentiles(h);
    assert.equal(p.p50, 1500); // below 2048 µs HDR buckets are 1 µs wide: exact
    assert.equal(p.max, 1500);
    assert.equal(h.minNonZeroValue, 250);
  });
});

/**
 * Value and cumulative count at fine percentile ticks: equal tables mean equal bucket counts where the data lies.
 * The footer is dropped: its Max is the exact recorded max, which a decoded or merged copy only knows to the bucket.
 */
const distribution = (h: LatencyHistogram): string =>
  h
    .outputPercentileDistribution(20)
    .split('\n')
    .filter((line) => !line.startsWith('#'))
    .join('\n');

describe('encode / decode', () => {
  it('round-trips counts and percentiles', () => {
    const values = bimodalUs(20_000, 3);
    const h = createFrom(values);
    const encoded = encodeHistogram(h);
    assert.match(encoded, /^[A-Za-z0-9+/]+=*$/);
    const back = decodeHistogram(encoded);
    assert.equal(back.totalCount, h.totalCount);
    assert.deepEqual(percentiles(back), percentiles(h));
    assert.equal(distribution(back), distribution(h));
  });
});

describe('mergeHistograms', () => {
  it('equals recording every value into one histogram', () => {
    const values = bimodalUs(30_000, 11);
    const parts = [values.slice(0, 5_000), values.slice(5_000, 21_000), values.slice(21_000)].map(createFrom);
    const merged = mergeHistograms(parts);
    const whole = createFrom(values);
    assert.equal(merged.totalCount, values.length);
    assert.deepEqual(percentiles(merged), percentiles(whole));
    assert.equal(distribution(merged), distribution(whole));
  });
  it('merges decoded trials (how stored runs are combined) and leaves the inputs untouched', () => {
    const a = createFrom([100, 200, 300]);
    const b = createFrom([50_000]);
    const merged = mergeHistograms([decodeHistogram(encodeHistogram(a)), b]);
    assert.equal(merged.totalCount, 4);
    assert.equal(a.totalCount, 3);
    assert.equal(b.totalCount, 1);
    assertWithinHdrPrecision(percentiles(merged).max, 50_000, 'max');
  });
  it('gives an empty histogram for no inputs', () => {
    assert.equal(mergeHistograms([]).totalCount, 0);
  });
});
