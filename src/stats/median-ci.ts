// A confidence interval for the median of a few trials that says what confidence it really has.
//
// Distribution-free (the sign-test interval): for n independent trials sorted x(1) ≤ … ≤ x(n), the interval
// [x(k), x(n−k+1)] contains the true median with probability 1 − 2·P(B ≤ k−1), B ~ Binomial(n, ½), whatever the
// distribution of the figure. k is the largest that still reaches the wanted confidence. With few trials no k does:
// n = 3 gives [min, max] at 75 %, n = 5 at 93.75 %, n = 6 is the first to reach 95 % (96.9 %). The interval is then
// [min, max] and carries its real confidence, so nothing is labelled "95 %" that is not.
import type { Interval } from '../results/schema.ts';
import { median } from './summary.ts';

/** P(B ≤ j) for B ~ Binomial(n, ½). */
function binomialHalfCdf(n: number, j: number): number {
  let term = Math.pow(0.5, n); // C(n, 0) / 2^n
  let sum = 0;
  for (let i = 0; i <= j; i++) {
    sum += term;
    term = (term * (n - i)) / (i + 1);
  }
  return sum;
}

/** The exact coverage of [x(k), x(n−k+1)] for n trials. */
export function orderStatisticCoverage(n: number, k: number): number {
  if (!(Number.isInteger(n) && Number.isInteger(k) && k >= 1 && 2 * k <= n + 1)) {
    throw new RangeError(`coverage needs 1 ≤ k ≤ (n + 1) / 2, got n = ${n}, k = ${k}`);
  }
  return 1 - 2 * binomialHalfCdf(n, k - 1);
}

/** The least number of trials whose [min, max] reaches `confidence`. */
export function trialsForConfidence(confidence: number): number {
  let n = 1;
  while (1 - 2 * Math.pow(0.5, n) < confidence) n++;
  return n;
}

/**
 * Median with its distribution-free interval. `confidence` is what is wanted; the interval's own `confidence` is what
 * it has (≥ the wanted one when enough trials exist, else that of [min, max]). One trial: a zero-width interval at
 * confidence 0, since one trial says nothing about spread.
 */
export function medianCi(samples: readonly number[], confidence = 0.95): Interval & { confidence: number } {
  if (samples.length === 0) throw new RangeError('medianCi: no samples');
  for (const x of samples) if (!Number.isFinite(x)) throw new RangeError(`medianCi: sample ${x} is not finite`);
  const xs = [...samples].sort((a, b) => a - b);
  const n = xs.length;
  const estimate = median(xs);
  if (n === 1) return { estimate, low: estimate, high: estimate, confidence: 0 };
  let k = 1;
  while (2 * (k + 1) <= n + 1 && orderStatisticCoverage(n, k + 1) >= confidence) k++;
  return { estimate, low: xs[k - 1] as number, high: xs[n - k] as number, confidence: orderStatisticCoverage(n, k) };
}

/** Half the interval's width relative to its estimate: 0.03 = ±3 %. Infinity for a zero estimate. */
export function relativeHalfWidth(ci: Interval): number {
  if (ci.estimate === 0) return ci.high === ci.low ? 0 : Number.POSITIVE_INFINITY;
  return (ci.high - ci.low) / 2 / Math.abs(ci.estimate);
}
