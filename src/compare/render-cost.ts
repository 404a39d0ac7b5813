// The exact costs of a comparison, for the terminal and for markdown. They come first in both: they are what a
// reviewer can trust without reading an interval, and a grown query count fails the gate on its own.
import type { Comparison } from './compare.ts';
import { COST_LABELS, costLines, costUnchanged, costValue, type CostComparison } from './cost.ts';

const id = (c: { scenario: string; strategy: string }): string => `${c.scenario}/${c.strategy}`;

/** Gaps grouped by reason: an old baseline file lacks costs for every strategy, which is one line, not twenty. */
function byReason(c: Comparison): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const g of c.costGaps) out.set(g.reason, [...(out.get(g.reason) ?? []), id(g)]);
  return out;
}

function gateNote(c: Comparison, x: CostComparison): string {
  if (!x.queryGrowth) return '';
  return c.allowQueryGrowth ? ' (queries grew; allowed by --allow-query-growth)' : ' — queries per request grew: fails the gate';
}

export function costTableLines(c: Comparison): string[] {
  if (c.costs.length + c.costGaps.length === 0) return [];
  const out = ['', 'Exact costs (verification: the same fixed requests, one at a time; no statistics needed)'];
  const same = c.costs.filter(costUnchanged);
  for (const x of c.costs.filter((x) => !costUnchanged(x))) {
    out.push(`${x.queryGrowth && !c.allowQueryGrowth ? '! ' : '  '}${id(x)}${gateNote(c, x)}`);
    for (const line of costLines(x)) out.push(`      ${line}`);
  }
  if (same.length > 0) out.push(`  no change: ${same.map(id).join(', ')}`);
  for (const [reason, names] of byReason(c)) out.push(`  exact costs ${reason}: ${names.join(', ')}`);
  return out;
}

/** `md` escapes text from result files; `code` quotes a statement. */
export function costMarkdown(c: Comparison, md: (s: string, max?: number) => string, code: (s: string) => string): string[] {
  if (c.costs.length + c.costGaps.length === 0) return [];
  const out = [
    '### Exact costs',
    '',
    'From verification: the same fixed requests on both sides, one at a time, so these figures are exact — any difference is the code’s.',
    '',
  ];
  const changed = c.costs.filter((x) => !costUnchanged(x));
  if (changed.length > 0) {
    out.push(
      `| strategy | ${(['queriesPerRequest', 'rowsPerRequest', 'bytesPerResponse'] as const).map((m) => COST_LABELS[m]).join(' | ')} | gate |`,
    );
    out.push('|---|--:|--:|--:|---|');
    for (const x of changed) {
      const cell = (metric: 'queriesPerRequest' | 'rowsPerRequest' | 'bytesPerResponse'): string => {
        const f = x.figures.find((y) => y.metric === metric);
        if (!f) return '—';
        const text = f.base === f.head ? costValue(metric, f.head) : `${costValue(metric, f.base)} → ${costValue(metric, f.head)}`;
        return f.base !== f.head && metric === 'queriesPerRequest' && f.head > f.base ? `**${text}**` : text;
      };
      const gate = !x.queryGrowth ? 'ok' : c.allowQueryGrowth ? 'queries grew (allowed)' : '**fails: queries per request grew**';
      out.push(`| ${code(id(x))} | ${cell('queriesPerRequest')} | ${cell('rowsPerRequest')} | ${cell('bytesPerResponse')} | ${gate} |`);
    }
    out.push('');
    for (const x of changed)
      for (const line of costLines(x, (s) => code(s.length > 200 ? `${s.slice(0, 199)}…` : s))) out.push(`- ${code(id(x))}: ${line}`);
    out.push('');
  }
  const same = c.costs.filter(costUnchanged);
  if (same.length > 0) out.push(`No change in exact costs: ${same.map((x) => code(id(x))).join(', ')}.`, '');
  for (const [reason, names] of byReason(c)) out.push(`- Exact costs ${md(reason)}: ${names.map(code).join(', ')}`);
  if (c.costGaps.length > 0) out.push('');
  return out;
}
