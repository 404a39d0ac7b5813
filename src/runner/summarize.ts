// Trials → one load level's summary: medians with bootstrap 95 % CIs, the spread of req/s, merged latency.
import type { LoadLevel, Trial } from '../results/schema.ts';
import { bootstrapCi } from '../stats/bootstrap.ts';
import { cv } from '../stats/summary.ts';
import { decodeHistogram, mergeHistograms, percentiles } from '../stats/hdr.ts';

/** Above this coefficient of variation of req/s across trials, a result is flagged noisy. */
export const NOISY_CV = 0.1;

export function summarizeLevel(connections: number, trials: Trial[]): LoadLevel {
  const rps = trials.map((t) => t.rps);
  const c = cv(rps);
  return {
    connections,
    trials,
    summary: {
      rps: bootstrapCi(rps),
      p50Us: bootstrapCi(trials.map((t) => t.latencyUs.p50)),
      p99Us: bootstrapCi(trials.map((t) => t.latencyUs.p99)),
      rpsCv: c,
      noisy: c > NOISY_CV,
      latencyUs: percentiles(mergeHistograms(trials.map((t) => decodeHistogram(t.histogram)))),
      errors: trials.reduce((s, t) => s + t.errors, 0),
      non2xx: trials.reduce((s, t) => s + t.non2xx, 0),
    },
  };
}
