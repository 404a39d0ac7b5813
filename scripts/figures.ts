// The headline figures of result files side by side, one column per file: per scenario and strategy the median req/s,
// and where the scenario has them the figures its technique is about (pool waits and connection setup, WAL and write
// latency, stale reads and refreshes, cache round trips, rows per write). docs/measurement.md's tables of repeated runs
// come from it. Usage: npx tsx scripts/figures.ts RESULT.json [...] [--scenario NAME]
import { readResult } from '../src/results/read.ts';
import type { Result, Trial } from '../src/results/schema.ts';
import { median } from '../src/stats/summary.ts';

const args = process.argv.slice(2);
const only = args.includes('--scenario') ? args[args.indexOf('--scenario') + 1] : undefined;
const files = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--scenario');
if (files.length === 0) {
  console.error('usage: npx tsx scripts/figures.ts RESULT.json [...] [--scenario NAME]');
  process.exit(2);
}
const results: Result[] = files.map((f) => readResult(f));

const med = (xs: Array<number | null | undefined>): number | null => {
  const v = xs.filter((x): x is number => typeof x === 'number' && Number.isFinite(x));
  return v.length > 0 ? median(v) : null;
};
const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
const fmt = (v: number | null, digits = 0): string => (v === null ? '–' : v.toFixed(digits));

/** The figures of one strategy at its first load level, as short "name value" strings. */
function figures(trials: Trial[]): string[] {
  const s = trials.flatMap((t) => (t.server ? [t.server] : []));
  const m = trials.flatMap((t) => (t.mixed ? [t.mixed] : []));
  const out: string[] = [];
  const wait = med(s.map((x) => x.poolWaitMicrosPerRequest));
  if (wait !== null && wait > 0) out.push(`pool wait ${fmt(wait / 1000, 2)} ms`);
  const connect = med(s.map((x) => x.connectMicrosPerRequest));
  if (connect !== null && connect > 0) out.push(`connect ${fmt(connect / 1000, 2)} ms a request`);
  const rt = med(s.map((x) => x.cacheMicrosPerRoundTrip));
  if (rt !== null) out.push(`cache round trip ${fmt(rt)} µs, hit ${fmt((med(s.map((x) => x.cacheHitRatio)) ?? 0) * 100)} %`);
  if (m.length > 0) {
    const writes = sum(m.map((x) => x.writes));
    const wal = sum(m.map((x) => x.walBytes ?? 0));
    if (m.some((x) => x.reads > 0)) out.push(`stale ${sum(m.map((x) => x.staleReads))}/${sum(m.map((x) => x.staleChecks))}`);
    out.push(
      `write p50 ${fmt(med(m.map((x) => x.writeLatencyUs.p50)) === null ? null : (med(m.map((x) => x.writeLatencyUs.p50)) as number) / 1000, 2)} ms`,
    );
    if (writes > 0 && wal > 0) out.push(`WAL/write ${fmt(wal / writes)} B`);
  }
  const refresh = s.flatMap((x) => (x.refresh ? [x.refresh] : []));
  const count = sum(refresh.map((r) => r.count));
  if (count > 0) out.push(`${count} refreshes, ${fmt(sum(refresh.map((r) => r.micros)) / count / 1000)} ms each`);
  return out;
}

const scenarios = [...new Set(results.flatMap((r) => r.scenarios.map((s) => s.name)))].filter((n) => !only || n === only);
for (const name of scenarios) {
  console.log(`\n${name}`);
  const strategies = [
    ...new Set(results.flatMap((r) => r.scenarios.find((s) => s.name === name)?.strategies.map((s) => s.strategy) ?? [])),
  ];
  for (const strategy of strategies) {
    const cells = results.map((r) => {
      const s = r.scenarios.find((x) => x.name === name)?.strategies.find((x) => x.strategy === strategy);
      if (!s || s.status !== 'completed') return s ? s.status : '–';
      const level = s.levels[0];
      if (!level) return '–';
      const rps = level.summary.rps;
      return `${fmt(rps.estimate)} (${fmt(rps.low)}–${fmt(rps.high)})${figures(level.trials)
        .map((f) => `; ${f}`)
        .join('')}`;
    });
    console.log(`  ${strategy.padEnd(28)} ${cells.join('  |  ')}`);
  }
  const ceilings = results.map((r) => r.dbCeiling?.find((c) => c.scenario === name));
  if (ceilings.some(Boolean))
    console.log(`  ${'(database alone)'.padEnd(28)} ${ceilings.map((c) => (c ? `${fmt(c.tps)} statements/s` : '–')).join('  |  ')}`);
}
