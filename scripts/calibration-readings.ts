// Reads calibration files' rounds again under other gate rules: the paired interval of the gate (Hodges–Lehmann with
// its signed-rank interval) against the median's sign-test interval, on req/s and p99 together or on req/s alone.
// Each rule's false regressions (A/A) and detections (A/B) over the same passes, so that a change of rule is judged on
// the same rounds. docs/measurement.md's calibration tables come from it.
// Usage: npx tsx scripts/calibration-readings.ts CALIBRATION.json [...]
import { readFileSync } from 'node:fs';
import type { Calibration } from '../src/calibrate/index.ts';
import { verdict } from '../src/stats/bootstrap.ts';
import { medianCi } from '../src/stats/median-ci.ts';
import { pairedRatioCi } from '../src/stats/paired-ratio.ts';
import type { Interval } from '../src/results/schema.ts';

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: npx tsx scripts/calibration-readings.ts CALIBRATION.json [...]');
  process.exit(2);
}

type Estimator = (base: number[], head: number[]) => Interval;
const estimators: Record<string, Estimator> = {
  'signed-rank (gate)': (b, h) => pairedRatioCi(b, h),
  'sign test': (b, h) => medianCi(h.map((x, i) => x / (b[i] as number))),
};
const rules = Object.entries(estimators).flatMap(([name, est]) => [
  { name: `${name}, req/s and p99`, est, p99: true },
  { name: `${name}, req/s only`, est, p99: false },
]);

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
    console.log(`  ${rule.name.padEnd(34)} false regressions ${flagged('A/A')}, detections ${flagged('A/B', c.target)}`);
  }
}
