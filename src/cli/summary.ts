// The terminal summary: per scenario, strategies ranked by median req/s, with the figures that explain them.
import type { Result } from '../results/schema.ts';

const fmtUs = (us: number): string => (us >= 1000 ? `${(us / 1000).toFixed(2)} ms` : `${us.toFixed(0)} µs`);

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return rows.map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ')).join('\n');
}

export function summaryTable(result: Result): string {
  const out: string[] = [];
  for (const sc of result.scenarios) {
    out.push(`\n${sc.name} — ${sc.route}`);
    const rows: string[][] = [['strategy', 'req/s', '95% CI', 'p50', 'p99', 'queries/req', 'bytes/resp', 'CV']];
    const done = sc.strategies.flatMap((s) => (s.status === 'completed' && s.levels[0] ? [{ s, l: s.levels[0] }] : []));
    done.sort((a, b) => b.l.summary.rps.estimate - a.l.summary.rps.estimate);
    for (const { s, l } of done) {
      const srv = l.trials.map((t) => t.server).filter((x) => x !== null);
      const q = srv.length ? srv.reduce((a, b) => a + b.queriesPerRequest, 0) / srv.length : NaN;
      const bytes = srv.length ? srv.reduce((a, b) => a + b.bytesPerResponse, 0) / srv.length : NaN;
      rows.push([
        s.strategy + (s.degraded ? ' (degraded)' : ''),
        l.summary.rps.estimate.toFixed(0),
        `${l.summary.rps.low.toFixed(0)}–${l.summary.rps.high.toFixed(0)}`,
        fmtUs(l.summary.latencyUs.p50),
        fmtUs(l.summary.latencyUs.p99),
        q.toFixed(1),
        bytes.toFixed(0),
        `${(l.summary.rpsCv * 100).toFixed(1)}%${l.summary.noisy ? ' noisy' : ''}`,
      ]);
    }
    out.push(table(rows));
    // Strategies skipped or failed for the same reason are listed once (e.g. every Mongo strategy on one server).
    const byReason = new Map<string, string[]>();
    for (const s of sc.strategies) {
      if (s.status === 'completed') continue;
      const key = `${s.status} — ${s.reason}`;
      byReason.set(key, [...(byReason.get(key) ?? []), s.strategy]);
    }
    for (const [reason, names] of byReason) out.push(`  ${names.join(', ')}: ${reason}`);
  }
  return out.join('\n');
}
