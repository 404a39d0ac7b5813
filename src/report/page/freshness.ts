// The "staleness and refresh cost" block of a mixed load with a scheduled refresh (pg-matview): the verdict, then per
// strategy its req/s, stale reads and their age, and what the refreshes cost.
import { formatBytes, formatInt, formatPercent, formatRps, formatUs } from '../format.ts';
import { html, type Html } from '../html.ts';
import { tableSection } from './table-section.ts';
import { freshnessRows, freshnessVerdict, staleRatio, type FreshnessFigures } from '../model/freshness.ts';
import type { ScenarioView } from '../model/scenario.ts';

const ms = (v: number | null): string => (v === null ? '–' : formatUs(v * 1000));

function row(f: FreshnessFigures): Html {
  const ratio = staleRatio(f);
  const r = f.refresh;
  return html`<tr>
    <td class="mono">${f.strategy}</td>
    <td class="num">${formatRps(f.rps)} <span class="muted">(${formatRps(f.rpsLow)}–${formatRps(f.rpsHigh)})</span></td>
    <td class="num">${ratio === null ? 'n/a' : `${formatInt(f.staleReads)} / ${formatInt(f.staleChecks)} (${formatPercent(ratio)})`}</td>
    <td class="num">${ms(f.ageP50Ms)}</td>
    <td class="num">${ms(f.ageMaxMs)}</td>
    <td class="num">${r ? r.perTrial.toFixed(r.perTrial % 1 === 0 ? 0 : 1) : '–'}</td>
    <td class="num">${r ? r.perSecond.toFixed(2) : '–'}</td>
    <td class="num">${r ? ms(r.msPerRefresh) : '–'}</td>
    <td class="num">${r ? ms(r.cpuMsPerRefresh) : '–'}</td>
    <td class="num">${r ? formatBytes(r.walBytesPerRefresh) : '–'}</td>
  </tr>`;
}

export function freshnessSection(view: ScenarioView): Html | '' {
  const rows = freshnessRows(view);
  if (rows.length === 0) return '';
  const verdict = freshnessVerdict(view);
  return tableSection({
    title: 'Staleness and refresh cost',
    verdicts: [verdict],
    note: html`Stale reads: a probe beside the load re-read items just written and counted those that did not show the write yet, summed
    over trials; their age is how long before the read the missed write had been sent (its latency included). Refreshes run on a timer in
    the strategy's server process while it serves; their time, the WAL the server wrote meanwhile (concurrent writes included) and the CPU
    of the database backend that ran it (read from /proc, so for local servers only) are per refresh; the ranking's db column includes that
    CPU.`,
    tableClass: 'mixed',
    head: html`<th>strategy</th>
      <th class="num">req/s (interval)</th>
      <th class="num">stale reads</th>
      <th class="num">stale age p50</th>
      <th class="num">stale age max</th>
      <th class="num" title="median per trial">refreshes/trial</th>
      <th class="num">refreshes/s</th>
      <th class="num">time/refresh</th>
      <th class="num" title="CPU of the database backend that ran the refresh (local servers only)">DB CPU/refresh</th>
      <th class="num">WAL/refresh</th>`,
    rows: rows.map(row),
  });
}
