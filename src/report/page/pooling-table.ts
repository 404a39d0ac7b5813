// The numbers behind the pooling charts, one row per ranked strategy, and the section's verdict: how each strategy
// connects, what getting a connection cost a request, and how many server connections it held.
import { formatInt, formatPercent, formatRps, formatUs } from '../format.ts';
import { html, type Html } from '../html.ts';
import { tableSection } from './table-section.ts';
import { poolingRows, poolingVerdict, type PoolingFigures } from '../model/pooling.ts';
import type { ScenarioView } from '../model/scenario.ts';

const us = (v: number | null): string => (v === null ? '–' : formatUs(v));

function row(p: PoolingFigures): Html {
  const c = p.serverConnections;
  return html`<tr>
    <td class="mono">${p.strategy}</td>
    <td>${p.label}</td>
    <td class="num">${formatRps(p.rps.estimate)}</td>
    <td class="num">${formatUs(p.p99Us)}</td>
    <td class="num">${us(p.poolWaitUs)}</td>
    <td class="num">
      ${us(p.connectUs)}${p.setupShare === null ? '' : html` <span class="muted">(${formatPercent(p.setupShare)})</span>`}
    </td>
    <td class="num">${p.connectsPerRequest === null ? '–' : p.connectsPerRequest.toFixed(2)}</td>
    <td class="num">${us(p.dbUs)}</td>
    <td class="num">
      ${c ? html`${formatInt(Math.round(c.mean))} <span class="muted">(max ${formatInt(c.max)}, ${formatInt(c.activeMax)} running)</span>` : '–'}
    </td>
  </tr>`;
}

export function poolingTable(view: ScenarioView): Html | '' {
  const rows = poolingRows(view);
  if (rows.length === 0) return '';
  const verdict = poolingVerdict(view);
  return tableSection({
    title: 'Connections: pools, a connection per request, PgBouncer',
    verdicts: [verdict],
    note: html`Medians across trials at ${view.connections ?? '?'} connections, per request, measured in the strategy server. Through
    PgBouncer (transaction mode) statements are unnamed: a statement prepared on one server connection is unknown on the next one a client
    is lent, so the PgBouncer strategies re-parse their statement on every request where the pooled ones prepare it once per connection.
    Server connections: the primary's, sampled from pg_stat_activity during each trial (for PgBouncer: its own pool's).`,
    tableClass: 'pooling',
    head: html`<th>strategy</th>
      <th>connection</th>
      <th class="num">req/s</th>
      <th class="num">p99</th>
      <th class="num" title="time a request waited at pool.connect for a pooled connection">wait for a connection</th>
      <th
        class="num"
        title="time to open a connection (TCP, authentication, backend start); in brackets its share of the request's database time"
      >
        connection setup
      </th>
      <th class="num" title="connections opened per request">opened/req</th>
      <th class="num" title="from sending the statement to its result, summed per request">statement</th>
      <th class="num" title="the primary's connections held, mean of samples (max; most running a statement at once)">
        server connections
      </th>`,
    rows: rows.map(row),
  });
}
