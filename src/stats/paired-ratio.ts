// The interval of a paired ratio: base and head (or two strategies of one pair) ran their i-th trials back to back,
// so each round gives one ratio, and the question is where the centre of those ratios lies.
//
// The median of the ratios with its sign-test interval (median-ci.ts) assumes nothing about their distribution and pays
// for it: with 8 rounds no inner pair of order statistics reaches 95 %, so the interval is [min, max] (99.2 %) and one
// disturbed round decides the verdict. Ratios of paired trials have more structure: under "no change" base and head
// are exchangeable within a round, so the log-ratio is symmetric about its centre. The Hodges–Lehmann estimate (the
// median of the Walsh averages (dᵢ + dⱼ)/2 of the log-ratios) with its exact Wilcoxon signed-rank interval uses that:
// about as efficient as a mean on normal data (95 %), and as robust as a median to a few disturbed rounds (a quarter
// of the rounds may be arbitrary). Its confidence is exact for any symmetric distribution; it is computed here from
// the signed-rank distribution, never assumed, and 8 rounds give [W₍₄₎, W₍₃₃₎] at 96.1 % instead of [min, max].
import type { Interval } from '../results/schema.ts';

/** P(T ≤ t) for t = 0…n(n+1)/2, T the Wilcoxon signed-rank statistic of n untied pairs under the null. */
export function signedRankCdf(n: number): number[] {
  if (!(Number.isInteger(n) && n >= 1 && n <= 1000)) throw new RangeError(`signedRankCdf: n from 1 to 1000, got ${n}`);
  const max = (n * (n + 1)) / 2;
  // p[s]: probability that the ranks carrying a + sign sum to s, built rank by rank (each sign with probability ½).
  let p = new Float64Array(max + 1);
  p[0] = 1;
  for (let r = 1; r <= n; r++) {
    const next = new Float64Array(max + 1);
    for (let s = 0; s <= max; s++) {
      const v = p[s] as number;
      if (v === 0) continue;
      next[s] = (next[s] as number) + v / 2;
      if (s + r <= max) next[s + r] = (next[s + r] as number) + v / 2;
    }
    p = next;
  }
  const cdf: number[] = [];
  let sum = 0;
  for (let s = 0; s <= max; s++) cdf.push((sum += p[s] as number));
  return cdf;
}

/** The exact coverage of [W₍ₖ₎, W₍ₘ₋ₖ₊₁₎] (sorted Walsh averages, m = n(n+1)/2) for n pairs. */
export function walshCoverage(n: number, k: number): number {
  const m = (n * (n + 1)) / 2;
  if (!(Number.isInteger(k) && k >= 1 && 2 * k <= m + 1))
    throw new RangeError(`walshCoverage needs 1 ≤ k ≤ (m + 1) / 2, got n = ${n}, k = ${k}`);
  return 1 - 2 * (signedRankCdf(n)[k - 1] as number);
}

/**
 * Hodges–Lehmann estimate of the ratio head/base from paired figures, with the exact signed-rank interval at the
 * wanted confidence or, with too few pairs to reach it, [min, max] of the ratios labelled with its real confidence.
 */
export function pairedRatioCi(base: readonly number[], head: readonly number[], confidence = 0.95): Interval & { confidence: number } {
  if (base.length !== head.length || base.length === 0) {
    throw new RangeError(`pairedRatioCi: ${base.length} base and ${head.length} head figures; pairs needed`);
  }
  const d = head.map((h, i) => {
    const b = base[i] as number;
    if (!(h > 0 && b > 0 && Number.isFinite(h) && Number.isFinite(b)))
      throw new RangeError(`pairedRatioCi: pair ${i} (${b}, ${h}) is not two positive figures`);
    return Math.log(h / b);
  });
  const n = d.length;
  const walsh: number[] = [];
  for (let i = 0; i < n; i++) for (let j = i; j < n; j++) walsh.push(((d[i] as number) + (d[j] as number)) / 2);
  walsh.sort((a, b) => a - b);
  const m = walsh.length;
  const mid = m % 2 === 1 ? (walsh[(m - 1) / 2] as number) : ((walsh[m / 2 - 1] as number) + (walsh[m / 2] as number)) / 2;
  if (n === 1) return { estimate: Math.exp(mid), low: Math.exp(mid), high: Math.exp(mid), confidence: 0 };
  const cdf = signedRankCdf(n);
  const coverage = (k: number): number => 1 - 2 * (cdf[k - 1] as number);
  let k = 1;
  while (2 * (k + 1) <= m + 1 && coverage(k + 1) >= confidence) k++;
  return {
    estimate: Math.exp(mid),
    low: Math.exp(walsh[k - 1] as number),
    high: Math.exp(walsh[m - k] as number),
    confidence: coverage(k),
  };
}
