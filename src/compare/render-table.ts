// The comparison for a terminal: the exact costs first, then one aligned table of timed figures per scenario,
// regressions marked, then what was not compared.
import type { Comparison, Entry } from './compare.ts';
import { cpuChange, familyText, headline, levelVerdict, pct, pctCi, short, value } from './format.ts';
import { costTableLines } from './render-cost.ts';

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  const last = widths.length - 1;
  // Names and verdicts read left to right; numbers line up on their last digit.
  const align = (c: string, i: number): string => (i <= 1 || i === last ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0));
  return rows.map((r) => r.map(align).join('  ').trimEnd()).join('\n');
}

function section(name: string, entries: Entry[]): string[] {
  const out = [`\n${name}`];
  const rows: string[][] = [
    [
      '  strategy',
      'conns',
      'req/s base→head',
      'Δ req/s',
      'interval',
      'p99 ms base→head',
      'Δ p99',
      'interval',
      'CPU µs/req app·db·cache',
      'verdict',
    ],
  ];
  for (const e of entries) {
    if (e.kind !== 'compared') continue;
    for (const l of e.levels) {
      const mark = l.rps.regression || l.p99.regression ? '! ' : '  ';
      rows.push([
        mark + e.strategy,
        String(l.connections),
        `${value(l.rps, l.rps.base.estimate)} → ${value(l.rps, l.rps.head.estimate)}`,
        pct(l.rps.ratio.estimate),
        pctCi(l.rps.ratio),
        `${value(l.p99, l.p99.base.estimate)} → ${value(l.p99, l.p99.head.estimate)}`,
        pct(l.p99.ratio.estimate),
        pctCi(l.p99.ratio),
        cpuChange(l.cpu),
        levelVerdict(l) + (l.noisy ? ' (noisy)' : ''),
      ]);
    }
  }
  if (rows.length > 1) out.push(table(rows));
  for (const e of entries) {
    if (e.kind === 'compared') for (const n of e.notes) out.push(`  ${e.strategy}: ${n}`);
    else if (e.kind === 'not-compared') out.push(`  ${e.strategy}: not compared — ${e.reasons.join('; ')}`);
    else if (e.kind === 'added') out.push(`  ${e.strategy}: added in head${e.reason ? ` (${e.status}: ${e.reason})` : ''}`);
    else out.push(`  ${e.strategy}: removed in head (was ${e.status} in base${e.reason ? `: ${e.reason}` : ''})`);
  }
  return out;
}

export function renderTable(c: Comparison): string {
  const out = [`${headline(c)} — head ${short(c.head.sha)} vs base ${short(c.base.sha)}`];
  for (const f of c.forced) out.push(`FORCED: ${f}`);
  for (const cv of c.caveats) out.push(`note: ${cv}`);
  out.push(...costTableLines(c));
  if (c.family.figures > 0) out.push('', `Timed figures: ${familyText(c)}`);
  const scenarios = [...new Set(c.entries.map((e) => e.scenario))];
  for (const s of scenarios)
    out.push(
      ...section(
        s,
        c.entries.filter((e) => e.scenario === s),
      ),
    );
  return out.join('\n');
}
