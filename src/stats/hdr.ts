// Latency histograms in integer MICROSECONDS. autocannon reports float milliseconds; a millisecond-resolution histogram
// (autocannon's own) cannot tell a 0.4 ms pg-join from a 0.9 ms prisma-include, so we record µs with 3 significant
// digits: every recorded value is kept within 0.1 % of its true value, from 1 µs up to 60 s.
// Histograms travel encoded (HdrHistogram's compressed base64, the format every HdrHistogram port reads) so that trials
// and whole runs can be merged later, which is the only correct way to combine percentiles.
import * as hdr from 'hdr-histogram-js';
import type { Histogram } from 'hdr-histogram-js';
import type { Percentiles } from '../results/schema.ts';

export type LatencyHistogram = Histogram;

/** 60 s in µs: nothing slower is a latency any more, it is a timeout. Longer values are clamped to it. */
export const HIGHEST_TRACKABLE_US = 60_000_000;

export function createLatencyHistogram(): LatencyHistogram {
  const h = hdr.build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: HIGHEST_TRACKABLE_US,
    numberOfSignificantValueDigits: 3,
    // The plain JS implementation: synchronous, no module to initialise, no memory to free with destroy().
    useWebAssembly: false,
  });
  // A fixed range keeps memory bounded and behaviour predictable; recordMs clamps instead of growing the histogram.
  h.autoResize = false;
  return h;
}

/** Converts autocannon's float milliseconds to integer µs, rounded; at least 1 µs so that nothing is recorded as 0. */
export function msToUs(ms: number): number {
  if (!Number.isFinite(ms)) throw new RangeError(`latency must be a finite number of ms, got ${ms}`);
  return Math.min(HIGHEST_TRACKABLE_US, Math.max(1, Math.round(ms * 1000)));
}

export function recordMs(h: LatencyHistogram, ms: number): void {
  h.recordValue(msToUs(ms));
}

/**
 * Percentiles in µs. Every figure, max included, is derived from the bucket counts alone (max is the highest value
 * equivalent to the top bucket), so a histogram, its encoded-then-decoded copy and a merge of its parts report the
 * very same numbers. An empty histogram reports zeros.
 */
export function percentiles(h: LatencyHistogram): Percentiles {
  return {
    p50: h.getValueAtPercentile(50),
    p90: h.getValueAtPercentile(90),
    p99: h.getValueAtPercentile(99),
    p999: h.getValueAtPercentile(99.9),
    max: h.totalCount === 0 ? 0 : h.getValueAtPercentile(100),
    mean: h.mean,
  };
}

export function encodeHistogram(h: LatencyHistogram): string {
  return hdr.encodeIntoCompressedBase64(h);
}

export function decodeHistogram(encoded: string): LatencyHistogram {
  return hdr.decodeFromCompressedBase64(encoded);
}

/** A new histogram holding every value of every input; the inputs are left untouched. */
export function mergeHistograms(hs: readonly LatencyHistogram[]): LatencyHistogram {
  const merged = createLatencyHistogram();
  for (const h of hs) merged.add(h);
  return merged;
}
