// Figures only some strategies have: exact costs from verification (results older than them lack them), cold-start
// latency, the read/write split of a mixed load (write cost, stale
// reads) and replica lag. Each block appears only when the result carries the data, so read-only runs stay short.
import type { LoadLevel, StrategyResult } from '../results/schema.ts';
import { formatBytes, formatInt, formatPercent, formatQueries, formatUs } from './format.ts';
import { html, type Html } from './html.ts';

type Completed = Extract<StrategyResult, { status: 'completed' }>;

/** Queries, rows and bytes per request from verification: exact for a fixed seed, what `compare` gates on. */
export function costRow(s: StrategyResult): Html | '' {
  const c = s.status === 'skipped' ? undefined : s.cost;
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
export function coldRow(s: Completed): Html | '' {
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

export function mixedTable(levels: readonly LoadLevel[]): Html | '' {
  const rows = levels.flatMap((l) => l.trials.flatMap((t) => (t.mixed ? [{ l, t, m: t.mixed }] : [])));
  if (rows.length === 0) return '';
  return html`<details>
    <summary>Mixed load: reads vs writes, stale reads (${rows.length} trials)</summary>
    <table>
      <thead>
        <tr>
          <th class="num">conn.</th>
          <th class="num">trial</th>
          <th class="num">reads</th>
          <th class="num">writes</th>
          <th class="num">read p50</th>
          <th class="num">read p99</th>
          <th class="num">write p50</th>
          <th class="num">write p99</th>
          <th class="num">rows written/write</th>
          <th class="num" title="reads re-checked against the primary that missed a committed write">stale reads</th>
        </tr>
      </thead>
      <tbody>
        ${rows.map(
          ({ l, t, m }) =>
            html`<tr>
              <td class="num">${l.connections}</td>
              <td class="num">${t.index}</td>
              <td class="num">${formatInt(m.reads)}</td>
              <td class="num">${formatInt(m.writes)}</td>
              <td class="num">${formatUs(m.readLatencyUs.p50)}</td>
              <td class="num">${formatUs(m.readLatencyUs.p99)}</td>
              <td class="num">${formatUs(m.writeLatencyUs.p50)}</td>
              <td class="num">${formatUs(m.writeLatencyUs.p99)}</td>
              <td class="num">${m.rowsWrittenPerWrite.toFixed(1)}</td>
              <td class="num">
                ${formatInt(m.staleReads)} /
                ${formatInt(m.staleChecks)}${m.staleChecks > 0 ? ` (${formatPercent(m.staleReads / m.staleChecks)})` : ''}
              </td>
            </tr>`,
        )}
      </tbody>
    </table>
  </details>`;
}

export function replicaLagTable(levels: readonly LoadLevel[]): Html | '' {
  const rows = levels.flatMap((l) => l.trials.flatMap((t) => (t.replicaLag ? [{ l, t, r: t.replicaLag }] : [])));
  if (rows.length === 0) return '';
  return html`<details>
    <summary>Replica lag during load (${rows.length} trials)</summary>
    <table>
      <thead>
        <tr>
          <th class="num">conn.</th>
          <th class="num">trial</th>
          <th class="num">samples</th>
          <th class="num">lag p50</th>
          <th class="num">lag p99</th>
          <th class="num">bytes behind p50</th>
          <th class="num">bytes behind p99</th>
        </tr>
      </thead>
      <tbody>
        ${rows.map(
          ({ l, t, r }) =>
            html`<tr>
              <td class="num">${l.connections}</td>
              <td class="num">${t.index}</td>
              <td class="num">${formatInt(r.samples)}</td>
              <td class="num">${r.msP50.toFixed(1)} ms</td>
              <td class="num">${r.msP99.toFixed(1)} ms</td>
              <td class="num">${formatInt(r.bytesP50)}</td>
              <td class="num">${formatInt(r.bytesP99)}</td>
            </tr>`,
        )}
      </tbody>
    </table>
  </details>`;
}
