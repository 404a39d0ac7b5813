// How does the trial-to-trial noise depend on the trial's length and on CPU placement? Runs one scenario's strategies
// (default profile, small preset, local infra) once per configuration, with the same timed seconds per strategy in
// each (more trials when they are shorter), and prints per configuration and strategy the CV of req/s across trials,
// the CV of the strategy server's CPU per request, and the interval's half-width. docs/measurement.md gives figures.
// Usage: npx tsx scripts/trial-length.ts [--lengths 0.5,1,2,4] [--placements shared,split] [--seconds 8]
//        [--scenario post-detail] [--strategies pg-join,prisma-include,pg-naive] [--repeat 1]
import { chooseProvider } from '../src/infra/select.ts';
import { PROFILES } from '../src/runner/profiles.ts';
import { runBenchmark } from '../src/runner/run.ts';
import type { Placement } from '../src/infra/placement.ts';
import { relativeHalfWidth } from '../src/stats/median-ci.ts';
import { cv } from '../src/stats/summary.ts';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? process.argv[i + 1] : undefined;
  if (i >= 0 && (v === undefined || v.startsWith('--'))) {
    console.error(`--${name} needs a value`);
    process.exit(2);
  }
  return v ?? fallback;
}

const lengths = arg('lengths', '0.5,1,2,4').split(',').map(Number);
const placements = arg('placements', 'shared').split(',') as Placement[];
const seconds = Number(arg('seconds', '8'));
const scenario = arg('scenario', 'post-detail');
const strategies = arg('strategies', 'pg-join,prisma-include,pg-naive').split(',');
const repeat = Number(arg('repeat', '1'));
if (lengths.some((l) => !(l > 0)) || !(seconds > 0) || placements.some((p) => p !== 'shared' && p !== 'split') || !(repeat >= 1)) {
  console.error('usage: npx tsx scripts/trial-length.ts [--lengths 0.5,1,2,4] [--placements shared,split] [--seconds 8] [--repeat 1]');
  process.exit(2);
}

const pct = (x: number): string => `${(x * 100).toFixed(1)} %`;
console.log('| run | trial | placement | trials | strategy | median req/s | CV req/s | CV app CPU/req | ± interval |');
console.log('| --- | ----- | --------- | ------ | -------- | ------------ | -------- | -------------- | ---------- |');
// Configurations alternate within each repetition, so that drift of the machine does not favour one of them.
for (let run = 1; run <= repeat; run++) {
  for (const placement of placements) {
    for (const trialSec of lengths) {
      const trials = Math.max(6, Math.ceil(seconds / trialSec));
      const profile = { ...PROFILES.default, trialSec, trials, maxTrials: trials, placement, fanoutSec: 0, micro: 'off' as const };
      const provider = await chooseProvider({ infra: 'local', urls: {} });
      const log = (line: string): void => void process.stderr.write(`${line}\n`);
      const result = await runBenchmark({ selection: [{ scenario, strategies }], profile, seed: 42, provider, log });
      for (const s of result.scenarios.flatMap((sc) => sc.strategies)) {
        if (s.status !== 'completed') continue;
        for (const l of s.levels) {
          const app = l.trials.flatMap((t) => (t.server ? [t.server.cpuMicrosPerRequest] : []));
          console.log(
            `| ${run} | ${trialSec} s | ${placement} | ${l.trials.length} | ${s.strategy} | ${Math.round(l.summary.rps.estimate)} | ` +
              `${pct(l.summary.rpsCv)} | ${pct(cv(app))} | ±${pct(relativeHalfWidth(l.summary.rps))} |`,
          );
        }
      }
      const ceiling = result.ceiling.map((c) => Math.round(c.rps.estimate)).join(', ');
      const db = result.dbCeiling.map((c) => `${Math.round(c.tps)} (${c.tool.split(',')[0]})`).join(', ');
      console.log(
        `| ${run} | ${trialSec} s | ${placement} | | harness ceiling ${ceiling} req/s; database alone ${db} statements/s | | | | |`,
      );
    }
  }
}
