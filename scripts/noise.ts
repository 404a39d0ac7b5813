// How noisy were these runs? Reads result files and prints, per file and over all of them, what docs/measurement.md
// reports: the median CV of req/s across trials, ranked rows flagged noisy, the median and worst half-width of the
// req/s interval, the CV of the strategy server's and the database's CPU per request, the trials set aside for
// outside load, and the run-to-run spread of each strategy's median. Usage: npx tsx scripts/noise.ts results/*.json
import { readResult } from '../src/results/read.ts';
import type { Result } from '../src/results/schema.ts';
import { relativeHalfWidth } from '../src/stats/median-ci.ts';
import { cv, median } from '../src/stats/summary.ts';

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: npx tsx scripts/noise.ts RESULT.json [...]');
  process.exit(2);
}

interface Row {
  key: string;
  rps: number;
  rpsCv: number;
  halfWidth: number;
  noisy: boolean;
  trials: number;
  setAside: number;
  appCpuCv: number;
  dbCpuCv: number | null;
}

function rows(r: Result): Row[] {
  const out: Row[] = [];
  for (const sc of r.scenarios) {
    for (const s of sc.strategies) {
      if (s.status !== 'completed' || s.degraded) continue;
      for (const l of s.levels) {
        const srv = l.trials.flatMap((t) => (t.server ? [t.server] : []));
        const db = srv.flatMap((m) => (typeof m.dbCpuMicrosPerRequest === 'number' ? [m.dbCpuMicrosPerRequest] : []));
        out.push({
          key: `${sc.name}/${s.strategy}@${l.connections}`,
          rps: l.summary.rps.estimate,
          rpsCv: l.summary.rpsCv,
          halfWidth: relativeHalfWidth(l.summary.rps),
          noisy: l.summary.noisy,
          trials: l.trials.length,
          setAside: l.disturbed?.length ?? 0,
          appCpuCv: cv(srv.map((m) => m.cpuMicrosPerRequest)),
          dbCpuCv: db.length > 1 ? cv(db) : null,
        });
      }
    }
  }
  return out;
}

const pct = (x: number): string => `${(x * 100).toFixed(1)} %`;
const all = new Map<string, number[]>();
for (const f of files) {
  const rs = rows(readResult(f));
  for (const r of rs) all.set(r.key, [...(all.get(r.key) ?? []), r.rps]);
  const dbCvs = rs.flatMap((r) => (r.dbCpuCv === null ? [] : [r.dbCpuCv]));
  console.log(
    `${f}: ${rs.length} rows; median CV of req/s ${pct(median(rs.map((r) => r.rpsCv)))}, ` +
      `${rs.filter((r) => r.rpsCv > 0.1).length} with CV > 10 %, ${rs.filter((r) => r.noisy).length} flagged noisy; ` +
      `interval half-width median ${pct(median(rs.map((r) => r.halfWidth)))}, max ${pct(Math.max(...rs.map((r) => r.halfWidth)))}; ` +
      `trials median ${median(rs.map((r) => r.trials))}, set aside ${rs.reduce((a, r) => a + r.setAside, 0)}; ` +
      `CV of app CPU/request median ${pct(median(rs.map((r) => r.appCpuCv)))}` +
      (dbCvs.length ? `, of database CPU/request ${pct(median(dbCvs))}` : ''),
  );
  for (const r of rs.filter((x) => x.noisy || x.rpsCv > 0.1))
    console.log(`  ${r.key}: CV ${pct(r.rpsCv)}, ±${pct(r.halfWidth)} over ${r.trials} trials${r.noisy ? ' (noisy)' : ''}`);
}
if (files.length > 1) {
  const spreads = [...all.entries()].filter(([, v]) => v.length === files.length).map(([k, v]) => [k, cv(v)] as const);
  spreads.sort((a, b) => b[1] - a[1]);
  console.log(
    `\nrun-to-run CV of each row's median req/s over ${files.length} runs: median ${pct(median(spreads.map((s) => s[1])))}; widest:`,
  );
  for (const [k, v] of spreads.slice(0, 5)) console.log(`  ${k}: ${pct(v)}`);
}
