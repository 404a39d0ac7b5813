// Reads calibration files' rounds again under other gate rules: the paired interval of the gate (Hodges–Lehmann with
// its signed-rank interval) against the median's sign-test interval, each figure at 95 % alone or at the confidence of
// 26 figures judged together (`ab` on post-detail), with and without the spread between two server processes of the
// same code. Each rule's false regressions (A/A) and detections (A/B) over the same passes, so that a change of rule
// is judged on the same rounds. docs/measurement.md's calibration tables come from it.
// Usage: npx tsx scripts/calibration-readings.ts CALIBRATION.json [...]
import { readFileSync } from 'node:fs';
import type { Calibration } from '../src/calibrate/index.ts';
import { verdict } from '../src/stats/bootstrap.ts';
import { medianCi } from '../src/stats/median-ci.ts';
import { pairedRatioCi } from '../src/stats/paired-ratio.ts';
import type { Interval } from '../src/results/schema.ts';
import { eachConfidence, PROCESS_SPREAD, withProcessSpread } from '../src/compare/compare.ts';

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: npx tsx scripts/calibration-readings.ts CALIBRATION.json [...]');
  process.exit(2);
}

type Estimator = (base: number[], head: number[]) => Interval;
const signedRank =
  (figures: number, spread: number): Estimator =>
  (b, h) =>
    withProcessSpread(pairedRatioCi(b, h, eachConfidence(figures)), spread, eachConfidence(figures));
const estimators: Record<string, Estimator> = {
  'sign test, 95 % each': (b, h) => medianCi(h.map((x, i) => x / (b[i] as number))),
  'signed-rank, 95 % each': signedRank(1, 0),
  'signed-rank, 26 together': signedRank(26, 0),
  [`signed-rank, 26 together, spread ${PROCESS_SPREAD * 100} %`]: signedRank(26, PROCESS_SPREAD),
  'signed-rank, 26 together, spread 5 %': signedRank(26, 0.05),
  'signed-rank, 26 together, spread 7 %': signedRank(26, 0.07),
};
const rules = Object.entries(estimators).map(([name, est]) => ({ name: `${name}, req/s and p99`, est, p99: true }));

for (const file of files) {
  const c = JSON.parse(readFileSync(file, 'utf8')) as Calibration;
  const passes = c.passes.filter((p) => p.strategies.every((s) => s.trials));
  if (passes.length === 0) {
    console.log(`${file}: no pass keeps its trials (written before calibration files kept them)`);
    continue;
  }
  console.log(
    `${file}: ${c.scenario}, profile ${c.profile}, threshold ${(c.threshold * 100).toFixed(1)} %, target ${c.target} +${(c.effect * 100).toFixed(0)} %`,
  );
  for (const rule of rules) {
    const flagged = (kind: 'A/A' | 'A/B', only?: string): string => {
      const ps = passes.filter((p) => p.kind === kind);
      const hits = ps.filter((p) =>
        p.strategies.some((s) => {
          if (only && s.strategy !== only) return false;
          const b = s.trials.base;
          const h = s.trials.head;
          const rps = verdict(
            rule.est(
              b.map((x) => x[0]),
              h.map((x) => x[0]),
            ),
            { threshold: c.threshold, higherIsBetter: true },
          );
          const p99 = verdict(
            rule.est(
              b.map((x) => x[1]),
              h.map((x) => x[1]),
            ),
            { threshold: c.threshold, higherIsBetter: false },
          );
          return rps.regression || (rule.p99 && p99.regression);
        }),
      ).length;
      return `${hits} of ${ps.length}`;
    };
    console.log(`  ${rule.name.padEnd(52)} false regressions ${flagged('A/A')}, detections ${flagged('A/B', c.target)}`);
  }
}
