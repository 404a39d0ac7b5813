// The comparison as GitHub-flavoured markdown, for the job summary and a PR comment: the headline first (what a
// reviewer needs), then the exact costs (no statistics needed), then a table of timed figures per scenario, then what was not compared and why, then both runs' environments
// (what a sceptical reader needs to reproduce a number).
import type { Comparison, Entry, LevelComparison, MetricComparison, RunSide } from './compare.ts';
import { cpuChange, familyText, headline, levelVerdict, machineText, pct, pctCi, profileText, short, value } from './format.ts';
import { costMarkdown } from './render-cost.ts';
import { formatThreshold } from './threshold.ts';

/** Table cells and list items come from result files: keep them from breaking the markdown around them. */
export function md(text: string, max = 240): string {
  const one = text.replace(/\s+/g, ' ').trim();
  const cut = one.length > max ? `${one.slice(0, max - 1)}…` : one;
  return cut.replace(/\\/g, '\\\\').replace(/[|`*_<>[\]]/g, (c) => `\\${c}`);
}

const code = (text: string): string => `\`${text.replace(/`/g, "'")}\``;

function delta(m: MetricComparison): string {
  const d = `${pct(m.ratio.estimate)} ${pctCi(m.ratio)}`;
  return m.regression ? `**${d}**` : d;
}

function row(strategy: string, l: LevelComparison): string {
  const verdict = l.rps.regression || l.p99.regression ? `**${levelVerdict(l)}**` : levelVerdict(l);
  return [
    code(strategy),
    String(l.connections),
    `${value(l.rps, l.rps.base.estimate)} → ${value(l.rps, l.rps.head.estimate)}`,
    delta(l.rps),
    `${value(l.p99, l.p99.base.estimate)} → ${value(l.p99, l.p99.head.estimate)}`,
    delta(l.p99),
    cpuChange(l.cpu),
    verdict + (l.noisy ? ' (noisy)' : ''),
  ].join(' | ');
}

function scenarioSection(name: string, entries: Entry[]): string[] {
  const out = [`### ${md(name)}`, ''];
  const compared = entries.filter((e) => e.kind === 'compared');
  if (compared.length > 0) {
    out.push(
      '| strategy | conns | req/s base → head | Δ req/s [interval] | p99 ms base → head | Δ p99 [interval] | CPU µs/req app·db·cache | verdict |',
    );
    out.push('|---|--:|--:|--:|--:|--:|--:|---|');
    for (const e of compared) for (const l of e.levels) out.push(`| ${row(e.strategy, l)} |`);
    out.push('');
  }
  const notes = compared.flatMap((e) => e.notes.map((n) => `- ${code(e.strategy)}: ${md(n)}`));
  const other = entries.flatMap((e) => {
    if (e.kind === 'not-compared') return [`- ${code(e.strategy)} not compared — ${md(e.reasons.join('; '))}`];
    if (e.kind === 'added') return [`- ${code(e.strategy)} added in head${e.reason ? ` (${e.status}: ${md(e.reason)})` : ''}`];
    if (e.kind === 'removed')
      return [`- ${code(e.strategy)} removed in head (was ${e.status} in base${e.reason ? `: ${md(e.reason)}` : ''})`];
    return [];
  });
  if (notes.length + other.length > 0) out.push(...notes, ...other, '');
  return out;
}

function commitText(s: RunSide): string {
  return `${code(short(s.sha))}${s.dirty ? ' + uncommitted changes' : ''}${s.subject ? ` ${md(s.subject, 80)}` : ''}`;
}

function environment(c: Comparison): string[] {
  const rows: Array<[string, string, string]> = [
    ['commit', commitText(c.base), commitText(c.head)],
    ['branch', md(c.base.branch), md(c.head.branch)],
    ['started', md(c.base.startedAt), md(c.head.startedAt)],
    ['machine', md(machineText(c.base.machine)), md(machineText(c.head.machine))],
    ['Node.js', md(c.base.node), md(c.head.node)],
    ['infra', md(c.base.provider), md(c.head.provider)],
  ];
  const needs = [...new Set([...c.base.servers, ...c.head.servers].map((s) => s.need))];
  const server = (s: RunSide, need: string): string => {
    const b = s.servers.find((x) => x.need === need);
    return b ? md(b.server ?? `unavailable: ${b.reason ?? 'unknown'}`, 120) : '—';
  };
  for (const need of needs) rows.push([need, server(c.base, need), server(c.head, need)]);
  rows.push(['profile', md(profileText(c.base)), md(profileText(c.head))]);
  return ['### Environment', '', '| | base | head |', '|---|---|---|', ...rows.map((r) => `| ${r.join(' | ')} |`), ''];
}

/** `intro`: how the two sides were measured, when the caller knows (ab: one run, alternating trials). */
export function renderMarkdown(c: Comparison, intro?: string): string {
  const out = [`## accessbench: ${headline(c)}`, ''];
  if (intro) out.push(intro, '');
  out.push(`Head ${code(short(c.head.sha))} against base ${code(short(c.base.sha))}.`, '');
  for (const f of c.forced) out.push(`> **Forced:** ${md(f)} — these numbers are not a like-for-like comparison.`);
  if (c.forced.length > 0) out.push('');
  // Exact costs first: they need no statistics, and a grown query count fails on its own.
  out.push(...costMarkdown(c, md, code));
  if (c.costs.length + c.costGaps.length > 0) out.push('### Timed figures', '');
  out.push(
    `Each delta is head / base with its interval: ${familyText(c)} A change counts only when its interval excludes 0 %, ` +
      `and a significant slowdown beyond ${formatThreshold(c.threshold)} is a regression. p99 is each trial's 99th-percentile latency.`,
    '',
  );
  for (const cv of c.caveats) out.push(`> Note: ${md(cv, 400)}`);
  if (c.caveats.length > 0) out.push('');
  const scenarios = [...new Set(c.entries.map((e) => e.scenario))];
  for (const s of scenarios)
    out.push(
      ...scenarioSection(
        s,
        c.entries.filter((e) => e.scenario === s),
      ),
    );
  if (scenarios.length === 0) out.push('No strategies in either file.', '');
  out.push(...environment(c));
  return out.join('\n');
}
