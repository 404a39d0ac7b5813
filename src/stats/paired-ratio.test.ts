import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createRng } from '../core/rng.ts';
import { medianCi } from './median-ci.ts';
import { pairedRatioCi, signedRankCdf, walshCoverage } from './paired-ratio.ts';

test('the signed-rank distribution: tabulated values', () => {
  // n = 8: P(T ≤ 3) = 5/256 (sums 0, 1, 2, 3 = {3} or {1,2}); n = 10: P(T ≤ 8) = 25/1024 (the 5 % two-sided critical value).
  assert.equal(signedRankCdf(8)[3], 5 / 256);
  assert.equal(signedRankCdf(10)[8], 25 / 1024);
  assert.equal(signedRankCdf(10)[9], 33 / 1024);
  const cdf = signedRankCdf(12);
  assert.equal(cdf.at(-1), 1);
});

test('few pairs give [min, max] of the ratios with their real confidence (75 % for 3, as the sign test)', () => {
  const ci = pairedRatioCi([100, 100, 100], [90, 120, 100]);
  assert.equal(ci.confidence, 0.75);
  assert.ok(Math.abs(ci.low - 0.9) < 1e-12 && Math.abs(ci.high - 1.2) < 1e-12, `[${ci.low}, ${ci.high}]`);
  assert.equal(walshCoverage(3, 1), 0.75);
});

test('8 pairs: an inner interval at 96.1 %, where the sign test can only give [min, max]', () => {
  const base = [100, 100, 100, 100, 100, 100, 100, 100];
  const head = [80, 84, 86, 87, 88, 90, 93, 105];
  const ci = pairedRatioCi(base, head);
  assert.equal(ci.confidence, 1 - 10 / 256);
  assert.ok(ci.low > 0.8 && ci.high < 1.05, `[${ci.low}, ${ci.high}]`);
  const sign = medianCi(head.map((h, i) => h / (base[i] as number)));
  assert.deepEqual([sign.low, sign.high], [0.8, 1.05]);
});

test('one pair says nothing about spread; unpaired or non-positive figures are refused', () => {
  assert.deepEqual(pairedRatioCi([10], [12]), { estimate: 1.2, low: 1.2, high: 1.2, confidence: 0 });
  assert.throws(() => pairedRatioCi([1, 2], [1]), /pairs needed/);
  assert.throws(() => pairedRatioCi([1, 0], [1, 1]), /positive/);
});

test('the interval covers the true ratio at least as often as it says, and is narrower than the sign test (simulated)', () => {
  const rng = createRng(11);
  // Rounds whose two trials share a drift (the machine), each with its own noise, and one round in ten disturbed.
  const normal = (): number => Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
  const truth = 0.87;
  let covered = 0;
  let narrower = 0;
  const runs = 1500;
  for (let r = 0; r < runs; r++) {
    const base: number[] = [];
    const head: number[] = [];
    for (let i = 0; i < 10; i++) {
      const drift = 1000 * Math.exp(0.2 * normal());
      const hit = rng.next() < 0.1 ? 0.6 : 1;
      base.push(drift * Math.exp(0.08 * normal()));
      head.push(truth * drift * Math.exp(0.08 * normal()) * (rng.next() < 0.5 ? hit : 1));
    }
    const ci = pairedRatioCi(base, head);
    if (ci.low <= truth && truth <= ci.high) covered++;
    const sign = medianCi(head.map((h, i) => h / (base[i] as number)));
    if (ci.high / ci.low < sign.high / sign.low) narrower++;
  }
  assert.ok(covered / runs >= 0.9, `covered ${covered} of ${runs}`);
  assert.ok(narrower / runs >= 0.7, `narrower in ${narrower} of ${runs}`);
});
