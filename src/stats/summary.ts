// Descriptive statistics over a handful of trial figures (req/s, p50, p99 of each trial).
// Trials are few (3–10) and a single noisy one is common, so the harness ranks by the median, not the mean.

function requireSamples(xs: readonly number[], what: string): void {
  if (xs.length === 0) throw new RangeError(`${what} of an empty sample`);
}

/**
 * Quantile q ∈ [0, 1] of an ascending-sorted sample by linear interpolation between order statistics
 * (Hyndman & Fan type 7, the default of R and NumPy), so figures match what a reader gets from those tools.
 */
export function quantile(sortedXs: readonly number[], q: number): number {
  requireSamples(sortedXs, 'quantile');
  if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile q must be in [0, 1], got ${q}`);
  const h = (sortedXs.length - 1) * q;
  const lo = Math.floor(h);
  const below = sortedXs[lo] as number;
  const above = sortedXs[Math.min(lo + 1, sortedXs.length - 1)] as number;
  return below + (h - lo) * (above - below);
}

export function median(xs: readonly number[]): number {
  requireSamples(xs, 'median');
  return quantile(
    [...xs].sort((a, b) => a - b),
    0.5,
  );
}

export function mean(xs: readonly number[]): number {
  requireSamples(xs, 'mean');
  let sum = 0;
  for (const x of xs) sum += x;
  return sum / xs.length;
}

/**
 * Sample standard deviation (n − 1 denominator). With fewer than two samples no spread can be observed and it is
 * reported as 0 rather than NaN, so that result files stay valid JSON numbers.
 */
export function stddev(xs: readonly number[]): number {
  if (xs.length < 2) return 0;
  const m = mean(xs);
  let ss = 0;
  for (const x of xs) ss += (x - m) * (x - m);
  return Math.sqrt(ss / (xs.length - 1));
}

/**
 * Coefficient of variation, stddev / mean: how noisy the trials were, independent of the unit. 0 for fewer than two
 * samples (nothing to compare) and for an all-zero sample; Infinity if values spread around a zero mean.
 */
export function cv(xs: readonly number[]): number {
  if (xs.length < 2) return 0;
  const sd = stddev(xs);
  const m = mean(xs);
  if (m === 0) return sd === 0 ? 0 : Number.POSITIVE_INFINITY;
  return sd / Math.abs(m);
}
