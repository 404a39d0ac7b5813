// A write-only load's section (bulk-write): rows stored per second with their interval, latency per bulk request,
// statements per request, and what each row cost in WAL and CPU, under a one-line verdict.
import { formatInt, formatQueries, formatUs } from '../format.ts';
import { html, type Html } from '../html.ts';
import { tableSection } from './table-section.ts';
import { bulkRows, bulkVerdict, formatWalPerRow, type BulkFigures } from '../model/bulk.ts';
import type { ScenarioView } from '../model/scenario.ts';

const cpu = (v: number | null): string => (v === null ? '–' : v.toFixed(1));

function row(b: BulkFigures): Html {
  return html`<tr>
    <td class="mono">
      ${b.strategy}
      <div class="muted">${b.technique}</div>
    </td>
    <td class="num"><strong>${formatInt(b.rowsPerSec.estimate)}</strong></td>
    <td class="num ci">${formatInt(b.rowsPerSec.low)} – ${formatInt(b.rowsPerSec.high)}</td>
    <td class="num">${formatInt(b.rowsPerWrite)}</td>
    <td class="num">${formatUs(b.p50Us)}</td>
    <td class="num">${formatUs(b.p99Us)}</td>
    <td class="num">${formatQueries(b.statements)}</td>
    <td class="num">${formatWalPerRow(b.walBytesPerRow)}</td>
    <td class="num">${cpu(b.appCpuUsPerRow)} · ${cpu(b.dbCpuUsPerRow)}</td>
  </tr>`;
}

export function bulkSection(view: ScenarioView): Html | '' {
  const rows = bulkRows(view);
  if (rows.length === 0) return '';
  const verdict = bulkVerdict(view);
  return tableSection({
    title: 'Rows stored per second',
    verdicts: [verdict],
    note: html`Every timed request is a bulk write; each strategy writes into its own copy of the seeded database, so tables grow only with
    its own writes. Rows/s is the req/s median and its interval times the rows each request stored (counted by the server). Latency is per
    bulk request. WAL per row is what the primary wrote during the trials (the whole server's WAL, trials running one at a time) over the
    rows stored; – where it is not read (MongoDB).`,
    tableClass: 'bulk',
    head: html`<th>strategy</th>
      <th class="num">rows/s</th>
      <th class="num" title="the req/s interval for the median, times rows per request">interval</th>
      <th class="num">rows/request</th>
      <th class="num">p50</th>
      <th class="num">p99</th>
      <th class="num" title="SQL statements (Mongo: commands) per bulk request, counted by the server">statements/request</th>
      <th class="num">WAL/row</th>
      <th class="num" title="CPU per stored row, µs: strategy server · database servers">
        CPU µs/row<br /><span class="muted">app · db</span>
      </th>`,
    rows: rows.map(row),
  });
}
