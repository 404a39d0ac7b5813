// The terminal summary: per scenario, strategies ranked by median req/s, with the figures that explain them.
import type { Result, ServerMetrics } from '../results/schema.ts';
import { STEADY_CV, steadinessLine } from '../stats/steadiness.ts';
import { median } from '../stats/summary.ts';

const fmtUs = (us: number): string => (us >= 1000 ? `${(us / 1000).toFixed(2)} ms` : `${us.toFixed(0)} µs`);

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return rows.map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ')).join('\n');
}

/** An interval's real coverage, e.g. "97 %"; [min, max] of 3 trials is "75 %". */
export function confidenceLabel(c: number): string {
  return `${(Math.floor(c * 1000) / 10).toFixed(c >= 0.99 ? 1 : 0)} %`;
}

/** Median CPU per request of the strategy server, the database servers and the cache server, µs ("–": not seen). */
export function cpuSplit(srv: ServerMetrics[]): string {
  const med = (xs: Array<number | null | undefined>): string => {
    const v = xs.filter((x): x is number => typeof x === 'number');
    return v.length ? median(v).toFixed(0) : '–';
  };
  return [
    med(srv.map((m) => m.cpuMicrosPerRequest)),
    med(srv.map((m) => m.dbCpuMicrosPerRequest)),
    med(srv.map((m) => m.cacheCpuMicrosPerRequest)),
  ].join(' · ');
}

export function summaryTable(result: Result): string {
  const out: string[] = [];
  for (const sc of result.scenarios) {
    out.push(`\n${sc.name} — ${sc.route}`);
    const rows: string[][] = [
      ['strategy', 'req/s', 'interval', 'trials', 'p50', 'p99', 'queries/req', 'CPU µs/req app·db·cache', 'bytes/resp', 'CV'],
    ];
    const done = sc.strategies.flatMap((s) => (s.status === 'completed' && s.levels[0] ? [{ s, l: s.levels[0] }] : []));
    done.sort((a, b) => b.l.summary.rps.estimate - a.l.summary.rps.estimate);
    for (const { s, l } of done) {
      const srv = l.trials.map((t) => t.server).filter((x) => x !== null);
      const q = srv.length ? srv.reduce((a, b) => a + b.queriesPerRequest, 0) / srv.length : NaN;
      const bytes = srv.length ? srv.reduce((a, b) => a + b.bytesPerResponse, 0) / srv.length : NaN;
      const ci = l.summary.rps;
      rows.push([
        s.strategy + (s.degraded ? ' (degraded)' : ''),
        ci.estimate.toFixed(0),
        `${ci.low.toFixed(0)}–${ci.high.toFixed(0)}${ci.confidence === undefined ? '' : ` (${confidenceLabel(ci.confidence)})`}`,
        String(l.trials.length),
        fmtUs(l.summary.latencyUs.p50),
        fmtUs(l.summary.latencyUs.p99),
        q.toFixed(1),
        cpuSplit(srv),
        bytes.toFixed(0),
        `${(l.summary.rpsCv * 100).toFixed(1)}%${l.summary.noisy ? ' noisy' : ''}`,
      ]);
    }
    out.push(table(rows));
    if (sc.writeRatio >= 1) {
      // A write-only load: what it stored, as rows per second (req/s and its interval times rows per request).
      const stored = done.map(({ s, l }) => {
        const per = median(l.trials.map((t) => t.mixed?.rowsWrittenPerWrite ?? 0));
        const r = l.summary.rps;
        return `${s.strategy} ${(r.estimate * per).toFixed(0)} (${(r.low * per).toFixed(0)}–${(r.high * per).toFixed(0)})`;
      });
      if (stored.length > 0) out.push(`  rows stored per second: ${stored.join(', ')}`);
    }
    // Strategies skipped or failed for the same reason are listed once (e.g. every Mongo strategy on one server).
    const byReason = new Map<string, string[]>();
    for (const s of sc.strategies) {
      if (s.status === 'completed') continue;
      const key = `${s.status} — ${s.reason}`;
      byReason.set(key, [...(byReason.get(key) ?? []), s.strategy]);
    }
    for (const [reason, names] of byReason) out.push(`  ${names.join(', ')}: ${reason}`);
  }
  out.push(...machineNote(result));
  return out.join('\n');
}

/**
 * How many rows are noisy and, where the run measured it, how steady the processors under them were: on a machine
 * whose cores change speed by 10–20 % between windows of a trial's length, that is the floor of every timed figure.
 */
export function machineNote(result: Result): string[] {
  const levels = result.scenarios.flatMap((sc) => sc.strategies.flatMap((s) => (s.status === 'completed' ? s.levels : [])));
  if (levels.length === 0) return [];
  const noisy = levels.filter((l) => l.summary.noisy).length;
  const target = result.profile.precision === undefined ? 'the precision target' : `±${(result.profile.precision * 100).toFixed(0)} %`;
  const out = [`\nnoisy: ${noisy} of ${levels.length} timed rows (req/s interval wider than ${target})`];
  const s = result.machine.cpuSteadiness;
  if (s) {
    out.push(`machine: ${steadinessLine(s)}`);
    if (s.cv > STEADY_CV)
      out.push(
        '  no trial here can be steadier than its processor: timed figures on this machine are a screen; the exact costs ' +
          '(queries, rows, bytes per request) do not depend on it',
      );
  }
  return out;
}
