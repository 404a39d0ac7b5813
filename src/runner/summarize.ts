// Trials → one load level's summary: medians with distribution-free intervals that carry their real confidence,
// the spread of req/s, merged latency.
import type { LoadLevel, Trial } from '../results/schema.ts';
import { medianCi, relativeHalfWidth } from '../stats/median-ci.ts';
import { cv } from '../stats/summary.ts';
import { decodeHistogram, mergeHistograms, percentiles } from '../stats/hdr.ts';

/**
 * A level is flagged noisy when its req/s interval is wider than ±`precision` of the median: the rounds ended (at
 * their count or time limit) before the trials agreed well enough for the figure to be read to that precision.
 */
export function summarizeLevel(connections: number, trials: Trial[], precision: number, disturbed: Trial[] = []): LoadLevel {
  const rps = trials.map((t) => t.rps);
  const rpsCi = medianCi(rps);
  return {
    connections,
    trials,
    disturbed,
    summary: {
      rps: rpsCi,
      p50Us: medianCi(trials.map((t) => t.latencyUs.p50)),
      p99Us: medianCi(trials.map((t) => t.latencyUs.p99)),
      rpsCv: cv(rps),
      noisy: relativeHalfWidth(rpsCi) > precision,
      latencyUs: percentiles(mergeHistograms(trials.map((t) => decodeHistogram(t.histogram)))),
      errors: trials.reduce((s, t) => s + t.errors, 0),
      non2xx: trials.reduce((s, t) => s + t.non2xx, 0),
    },
  };
}

/** How result files before the precision target flagged noise (CV of req/s above 10 %); test fixtures still use it. */
export const NOISY_CV = 0.1;
