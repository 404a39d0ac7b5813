// Confidence intervals for trial figures, and the compare verdict built on them.
//
// Percentile bootstrap: resample the trials with replacement, recompute the statistic, and take the middle
// `confidence` share of those recomputed values. It assumes nothing about the distribution of req/s or latency
// (which is skewed and often bimodal), and it is deterministic here because resampling draws from a seeded rng:
// the same trials always give the same interval, so a re-run of `compare` never flips a verdict.
//
// How coarse it is with few trials (the quick profile runs 3–5): the median of a resample is always one of the
// original trials (odd n), so the interval can only end on observed values. With n = 3 the 95 % interval for the median
// is exactly [min, max] of the trials, whose true coverage is only 1 − 2·0.5³ = 75 %; with n = 5 it is still
// [min, max], covering 93.75 %. For the ratio with 3 trials per side, "significant" therefore means complete
// separation: every head trial beat (or lost to) every base trial. Treat such intervals as a screen, not a
// measurement, and run more trials when a verdict matters.
import { createRng, type Rng } from '../core/rng.ts';
import type { Interval } from '../results/schema.ts';
import { median, quantile } from './summary.ts';

export type Statistic = (xs: readonly number[]) => number;

export interface BootstrapOptions {
  /** Resamples drawn. 5000 keeps the interval's end points stable to well under 1 % of their value. */
  iterations?: number;
  /** Two-sided confidence level in (0, 1). */
  confidence?: number;
  seed?: number;
}

export interface ResolvedBootstrapOptions {
  iterations: number;
  confidence: number;
  seed: number;
}

export function resolveBootstrapOptions(opts: BootstrapOptions = {}): ResolvedBootstrapOptions {
  const { iterations = 5000, confidence = 0.95, seed = 1 } = opts;
  if (!Number.isInteger(iterations) || iterations < 1) {
    throw new RangeError(`bootstrap iterations must be a positive integer, got ${iterations}`);
  }
  if (!(confidence > 0 && confidence < 1)) {
    throw new RangeError(`bootstrap confidence must be in (0, 1), got ${confidence}`);
  }
  return { iterations, confidence, seed };
}

function requireFinite(xs: readonly number[], what: string): void {
  if (xs.length === 0) throw new RangeError(`${what}: no samples`);
  for (const x of xs) if (!Number.isFinite(x)) throw new RangeError(`${what}: sample ${x} is not finite`);
}

function resample(xs: readonly number[], rng: Rng): number[] {
  const out = new Array<number>(xs.length);
  for (let i = 0; i < xs.length; i++) out[i] = xs[rng.int(0, xs.length - 1)] as number;
  return out;
}

/**
 * The middle `confidence` share of the bootstrap distribution, widened if needed to contain the estimate: a
 * percentile interval can, for odd statistics, fall entirely on one side of its own point estimate, and an interval
 * that does not contain the number it is drawn around reads as a bug in every chart.
 */
function percentileInterval(estimate: number, distribution: number[], confidence: number): Interval {
  distribution.sort((a, b) => a - b);
  const tail = (1 - confidence) / 2;
  const low = quantile(distribution, tail);
  const high = quantile(distribution, 1 - tail);
  return {
    estimate,
    low: Math.min(low, estimate),
    high: Math.max(high, estimate),
  };
}

/**
 * Percentile-bootstrap interval for `statistic` (the median by default) of one group of trials.
 * One trial gives a zero-width interval (low = high = estimate): there is no spread to resample.
 */
export function bootstrapCi(samples: readonly number[], statistic: Statistic = median, opts: BootstrapOptions = {}): Interval {
  requireFinite(samples, 'bootstrapCi');
  const { iterations, confidence, seed } = resolveBootstrapOptions(opts);
  const estimate = statistic(samples);
  if (samples.length === 1) return { estimate, low: estimate, high: estimate };
  const rng = createRng(seed);
  const distribution = new Array<number>(iterations);
  for (let b = 0; b < iterations; b++) distribution[b] = statistic(resample(samples, rng));
  return percentileInterval(estimate, distribution, confidence);
}

/**
 * Fewer trials than this on either side and the data cannot say anything about spread; ratioOfMediansCi then
 * returns an interval that reaches 1.0 so that no verdict calls the change significant.
 */
export const MIN_TRIALS_FOR_SIGNIFICANCE = 2;

/**
 * Interval for median(head) / median(base): > 1 means the metric went up in head. Each group is resampled
 * independently (the trials of base and head are not paired: they ran on different commits, possibly machines).
 * The metrics compared (req/s, latency) are positive; a zero or negative trial is refused rather than turned into
 * an infinite or negative ratio.
 */
export function ratioOfMediansCi(base: readonly number[], head: readonly number[], opts: BootstrapOptions = {}): Interval {
  requireFinite(base, 'ratioOfMediansCi base');
  requireFinite(head, 'ratioOfMediansCi head');
  for (const x of [...base, ...head]) {
    if (x <= 0) throw new RangeError(`ratioOfMediansCi: samples must be positive, got ${x}`);
  }
  const { iterations, confidence, seed } = resolveBootstrapOptions(opts);
  const estimate = median(head) / median(base);
  if (base.length < MIN_TRIALS_FOR_SIGNIFICANCE || head.length < MIN_TRIALS_FOR_SIGNIFICANCE) {
    // Not a confidence interval: an honest "cannot exclude no change" spanning the estimate and 1.0.
    return {
      estimate,
      low: Math.min(estimate, 1),
      high: Math.max(estimate, 1),
    };
  }
  const rng = createRng(seed);
  const distribution = new Array<number>(iterations);
  for (let b = 0; b < iterations; b++) {
    distribution[b] = median(resample(head, rng)) / median(resample(base, rng));
  }
  return percentileInterval(estimate, distribution, confidence);
}

/**
 * Interval for median(head) − median(base), each group resampled independently: for shares that may be 0 in a trial
 * (a cache hit ratio of 100 %), where a ratio cannot be formed. Fewer than two trials a side: the estimate and 0.
 */
export function differenceOfMediansCi(base: readonly number[], head: readonly number[], opts: BootstrapOptions = {}): Interval {
  requireFinite(base, 'differenceOfMediansCi base');
  requireFinite(head, 'differenceOfMediansCi head');
  const { iterations, confidence, seed } = resolveBootstrapOptions(opts);
  const estimate = median(head) - median(base);
  if (base.length < MIN_TRIALS_FOR_SIGNIFICANCE || head.length < MIN_TRIALS_FOR_SIGNIFICANCE)
    return { estimate, low: Math.min(estimate, 0), high: Math.max(estimate, 0) };
  const rng = createRng(seed);
  const distribution = new Array<number>(iterations);
  for (let b = 0; b < iterations; b++) distribution[b] = median(resample(head, rng)) - median(resample(base, rng));
  return percentileInterval(estimate, distribution, confidence);
}

export type Verdict = 'faster' | 'slower' | 'no-change';

export interface VerdictOptions {
  /**
   * The relative worsening that counts as a regression: 0.10 means req/s fell by more than 10 %
   * (ratio < 0.90) or latency rose by more than 10 % (ratio > 1.10).
   */
  threshold: number;
  /** true for throughput (req/s), false for latency and other costs. */
  higherIsBetter: boolean;
}

export interface VerdictResult {
  verdict: Verdict;
  /** Significantly slower AND the point estimate is worse than the threshold: what fails CI (exit code 1). */
  regression: boolean;
}

/**
 * Reads a head/base ratio interval (from ratioOfMediansCi).
 * "Significant" means the interval excludes 1.0 strictly (low > 1 or high < 1): at the interval's confidence level,
 * no change is not a plausible explanation of the trials. An interval that touches or spans 1.0 is 'no-change',
 * however large its estimate — a tie, as fastify/benchmarks reports it. Whether a significant change is faster or
 * slower depends on the metric's direction. A significant slowdown smaller than the threshold is still reported
 * ('slower') but is not a regression: small, real drifts should be visible without failing the build.
 */
export function verdict(ratioCi: Interval, { threshold, higherIsBetter }: VerdictOptions): VerdictResult {
  if (!(threshold >= 0 && Number.isFinite(threshold))) {
    throw new RangeError(`verdict threshold must be a finite number >= 0, got ${threshold}`);
  }
  const wentUp = ratioCi.low > 1;
  const wentDown = ratioCi.high < 1;
  if (!wentUp && !wentDown) return { verdict: 'no-change', regression: false };
  if (wentUp === higherIsBetter) return { verdict: 'faster', regression: false };
  const worsening = higherIsBetter ? 1 - ratioCi.estimate : ratioCi.estimate - 1;
  return { verdict: 'slower', regression: worsening > threshold };
}
