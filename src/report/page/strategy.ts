// One block per strategy: what it is, how it was configured (parity), its status, its exact costs and cold start, the
// raw trial figures behind the summary (trial-tables.ts), its source, and what it actually sent to the database for one
// request. This is the evidence a sceptical reader checks the ranking against.
import type { StrategyResult, VerifyProblem } from '../../results/schema.ts';
import { formatBytes, formatInt, formatQueries, formatUs } from '../format.ts';
import { html, type Html } from '../html.ts';
import type { ScenarioView } from '../model/scenario.ts';
import { mixedTrialsTable, replicaLagTable, trialsTable } from './trial-tables.ts';

type Completed = Extract<StrategyResult, { status: 'completed' }>;

function parityChips(parity: StrategyResult['parity']): Html {
  const entries = Object.entries(parity);
  if (entries.length === 0) return html`<span class="muted">none recorded</span>`;
  return html`<span class="chips">${entries.map(([k, v]) => html`<code>${k}=${String(v)}</code>`)}</span>`;
}

function problems(list: readonly VerifyProblem[]): Html {
  if (list.length === 0) return html`no problems`;
  return html`<ul>
    ${list.map(
      (p) =>
        html`<li>
          <span class="badge ${p.severity === 'fail' ? 'failed' : 'warn'}">${p.severity}</span> <code>${p.params}</code> ${p.message}
        </li>`,
    )}
  </ul>`;
}

/** Queries, rows and bytes per request from verification: exact for a fixed seed, what `compare` gates on. */
function costRow(s: StrategyResult): Html | '' {
  // A strategy skipped after verification (not timed on its profile) has them too.
  const c = s.cost;
  if (!c) return '';
  const repeat = c.queriesPerRepeat === c.queriesPerRequest ? '' : ` (${formatQueries(c.queriesPerRepeat)} when repeated)`;
  const write = c.writes
    ? html`; per write ${formatQueries(c.writes.queriesPerWrite)} queries, ${formatQueries(c.writes.rowsWrittenPerWrite)} rows written`
    : '';
  return html`<tr>
    <th title="from verification: the same fixed requests, one at a time — exact for a fixed seed">exact costs</th>
    <td>
      per request ${formatQueries(c.queriesPerRequest)} queries${repeat}, ${formatQueries(c.rowsPerRequest)} rows,
      ${formatBytes(c.bytesPerResponse)}${write}
      <span class="muted">(${formatInt(c.samples)} requests, ${formatInt(c.statements.length)} distinct statements)</span>
    </td>
  </tr>`;
}

/** First requests after start vs the steady state at the first level: what a cold pool or empty cache costs. */
function coldRow(s: Completed): Html | '' {
  if (s.cold === null) return '';
  const steady = s.levels[0]?.summary.latencyUs;
  return html`<tr>
    <th>cold start</th>
    <td>
      first ${formatInt(s.cold.requests)} requests: p50 ${formatUs(s.cold.latencyUs.p50)}, p99 ${formatUs(s.cold.latencyUs.p99)}, max
      ${formatUs(s.cold.latencyUs.max)}${
        steady ? html` <span class="muted">(steady state p50 ${formatUs(steady.p50)}, p99 ${formatUs(steady.p99)})</span>` : ''
      }
    </td>
  </tr>`;
}

function captured(c: { params: string; statements: string[] } | null): Html {
  if (c === null) return html`<p class="muted">No statements were captured.</p>`;
  const n = c.statements.length;
  const what = html`${formatInt(n)} ${n === 1 ? 'statement' : 'statements'} issued for one request with params <code>${c.params}</code>`;
  if (n === 0) return html`<p>${what} (served without touching the database).</p>`;
  // The N+1 signature, in words: the same statement text issued again and again within one request.
  const counts = new Map<string, number>();
  for (const st of c.statements) counts.set(st, (counts.get(st) ?? 0) + 1);
  const repeats = Math.max(...counts.values());
  const shapes = counts.size;
  const note = repeats > 1 ? ` — ${shapes} distinct, one of them repeated ${repeats}×` : '';
  return html`<details>
    <summary>${what}${note}</summary>
    <ol class="statements">
      ${c.statements.map((s) => html`<li><code>${s}</code></li>`)}
    </ol>
  </details>`;
}

function source(s: StrategyResult['source']): Html {
  const lines = s.text.split('\n').length;
  return html`<details>
    <summary>Source: <code>${s.path}</code> (${lines} lines)</summary>
    <pre><code>${s.text}</code></pre>
  </details>`;
}

function statusCell(s: StrategyResult): Html {
  if (s.status === 'completed') {
    return s.degraded === null
      ? html`<span class="badge completed">completed</span>`
      : html`<span class="badge degraded">degraded</span> ${s.degraded}`;
  }
  return html`<span class="badge ${s.status}">${s.status}</span> ${s.reason}`;
}

export function strategyDetails(view: ScenarioView, s: StrategyResult): Html {
  const verify = s.verify ?? null;
  return html`<div class="strategy" id="${view.anchors.get(s) ?? ''}">
    <h4>
      <span class="mono">${s.strategy}</span
      >${s.strategy === view.scenario.reference ? html`<span class="badge reference">reference</span>` : ''}
    </h4>
    <table class="kv">
      <tr>
        <th>status</th>
        <td>${statusCell(s)}</td>
      </tr>
      <tr>
        <th>technique · client</th>
        <td>${s.technique} · ${s.client}</td>
      </tr>
      <tr>
        <th>needs</th>
        <td>${s.needs.join(', ')}</td>
      </tr>
      <tr>
        <th>parity manifest</th>
        <td>${parityChips(s.parity)}</td>
      </tr>
      ${costRow(s)} ${s.status === 'completed' ? coldRow(s) : ''}
      <tr>
        <th>verification</th>
        <td>
          ${verify === null ? html`<span class="muted">not run</span>` : html`${verify.samples} sampled requests compared with <code>${view.scenario.reference}</code>: ${problems(verify.problems)}`}
        </td>
      </tr>
    </table>
    ${s.status === 'completed' && s.levels.length > 0 ? html`${trialsTable(s.levels)}${mixedTrialsTable(s.levels)}${replicaLagTable(s.levels)}` : ''}
    ${s.captured === undefined ? '' : captured(s.captured)} ${source(s.source)}
  </div>`;
}
