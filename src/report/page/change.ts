// "Change since <previous commit>": when the report is given two or more runs of the same dataset preset and
// profile, the current run is compared with the one before it by the compare stage (src/compare/), so the page, the
// terminal and the PR comment agree on every ratio, interval and verdict.
import { compareResults, type Comparison, type Entry, type LevelComparison } from '../../compare/compare.ts';
import { familyText, headline, pct, pctCi } from '../../compare/format.ts';
import { DEFAULT_THRESHOLD, formatThreshold } from '../../compare/threshold.ts';
import type { Result } from '../../results/schema.ts';
import { formatRps, formatTime } from '../format.ts';
import { html, type Html } from '../html.ts';
import { changeChart } from '../charts/change.ts';
import type { ChartDef } from '../charts/common.ts';

export interface ChangeView {
  base: Result;
  head: Result;
  /** Null when the runs measured different things (then `why` says what differs) or comparing failed. */
  comparison: Comparison | null;
  why: string | null;
  chart: ChartDef | null;
}

/** The current run (last) against the one before it in chart order; null with fewer than two runs. */
export function changeView(runs: readonly Result[], threshold = DEFAULT_THRESHOLD): ChangeView | null {
  const head = runs[runs.length - 1];
  const base = runs[runs.length - 2];
  if (!head || !base) return null;
  const differs: string[] = [];
  if (base.dataset.preset !== head.dataset.preset) differs.push(`dataset preset ${base.dataset.preset} → ${head.dataset.preset}`);
  if (base.profile.name !== head.profile.name) differs.push(`profile ${base.profile.name} → ${head.profile.name}`);
  if (differs.length > 0) return { base, head, comparison: null, why: `the runs are not comparable (${differs.join(', ')})`, chart: null };
  try {
    // Preset and profile match; other differences (seed, server kind) are shown as overridden, not hidden.
    const comparison = compareResults(base, head, { threshold, force: true });
    return { base, head, comparison, why: null, chart: changeChart(comparison, 'change-rps') };
  } catch (err) {
    return { base, head, comparison: null, why: `comparing failed: ${(err as Error).message}`, chart: null };
  }
}

const sha = (r: Result): string => r.git.sha.slice(0, 7) + (r.git.dirty ? '*' : '');

function verdictBadge(l: LevelComparison, threshold: number): Html {
  const m = l.rps;
  if (m.verdict === 'no-change') return html`<span class="muted">no significant change</span>`;
  if (m.verdict === 'faster') return html`<span class="badge completed">faster</span>`;
  return m.regression
    ? html`<span class="badge failed" title="significantly slower, by more than the ${formatThreshold(threshold)} threshold"
        >regression</span
      >`
    : html`<span class="badge warn">slower</span>`;
}

function levelRow(e: Extract<Entry, { kind: 'compared' }>, l: LevelComparison, threshold: number): Html {
  const p99 = l.p99.verdict === 'no-change' ? '' : html` <span class="muted">(${l.p99.verdict === 'faster' ? 'lower' : 'higher'})</span>`;
  return html`<tr>
    <td>${e.scenario}</td>
    <td class="mono">
      ${e.strategy}${l.noisy ? html`<span class="badge noisy" title="req/s varied a lot between trials on one side">noisy</span>` : ''}
    </td>
    <td class="num">${l.connections}</td>
    <td class="num">${formatRps(l.rps.base.estimate)}</td>
    <td class="num">${formatRps(l.rps.head.estimate)}</td>
    <td class="num"><strong>${pct(l.rps.ratio.estimate)}</strong></td>
    <td class="num ci">${pctCi(l.rps.ratio)}</td>
    <td class="num">${pct(l.p99.ratio.estimate)}${p99}</td>
    <td>${verdictBadge(l, threshold)}</td>
  </tr>`;
}

function otherEntries(entries: readonly Entry[]): Html | '' {
  const items = entries.flatMap((e) => {
    const name = html`<span class="mono">${e.scenario} / ${e.strategy}</span>`;
    if (e.kind === 'added') return [html`<li>${name} is new in this run${e.reason ? html` (${e.status}: ${e.reason})` : ''}</li>`];
    if (e.kind === 'removed') return [html`<li>${name} was in the previous run only</li>`];
    if (e.kind === 'not-compared') return [html`<li>${name} not compared: ${e.reasons.join('; ')}</li>`];
    return e.notes.length > 0 ? [html`<li>${name}: ${e.notes.join('; ')}</li>`] : [];
  });
  return items.length === 0
    ? ''
    : html`<ul class="unranked">
        ${items}
      </ul>`;
}

function table(c: Comparison): Html {
  const rows = c.entries.flatMap((e) => (e.kind === 'compared' ? e.levels.map((l) => levelRow(e, l, c.threshold)) : []));
  if (rows.length === 0) return html`<p class="muted">No strategy completed in both runs, so nothing was compared.</p>`;
  return html`<table class="ranking">
    <thead>
      <tr>
        <th>scenario</th>
        <th>strategy</th>
        <th class="num">conn.</th>
        <th class="num">previous req/s</th>
        <th class="num">this run req/s</th>
        <th class="num">change</th>
        <th class="num" title="${familyText(c)}">interval</th>
        <th class="num" title="change of median p99 latency: negative is better">p99 change</th>
        <th>verdict</th>
      </tr>
    </thead>
    <tbody>
      ${rows}
    </tbody>
  </table>`;
}

export function changeSection(v: ChangeView, chartFigure: (c: ChartDef) => Html): Html {
  const { base, head, comparison: c } = v;
  const title = html`<h2>Change since <code>${sha(base)}</code></h2>`;
  const sides = html`<p class="muted">
    Previous: <code>${sha(base)}</code> ${base.git.subject ?? ''} (${formatTime(base.startedAt)}) · this run: <code>${sha(head)}</code>
    ${head.git.subject ?? ''} (${formatTime(head.startedAt)})
  </p>`;
  if (!c)
    return html`<section id="change">
      ${title}${sides}
      <p class="banner">No comparison: ${v.why ?? ''}.</p>
    </section>`;
  const forced =
    c.forced.length > 0
      ? html`<p class="banner"><strong>Compared although</strong> ${c.forced.join('; ')}: deltas may not be code changes.</p>`
      : '';
  const caveats =
    c.caveats.length > 0
      ? html`<ul class="caveats muted">
          ${c.caveats.map((x) => html`<li>${x}</li>`)}
        </ul>`
      : '';
  return html`<section id="change">
    ${title}${sides}
    <p class="verdict">${headline(c)}.</p>
    ${forced}${caveats}${table(c)}${otherEntries(c.entries)}
    ${v.chart ? html`<div class="charts">${chartFigure({ ...v.chart, wide: true })}</div>` : ''}
  </section>`;
}
