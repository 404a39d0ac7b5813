// The page section on caches and read models under writes that hit what is read: for each endpoint measured under
// paced writes both uniform and hot, a verdict, the chart, and a table of hit ratio, stale reads and write cost,
// with the writes each trial received (the same for every strategy: the writer sends a fixed count).
import { formatInt, formatPercent, formatRps, formatUs } from '../format.ts';
import { html, type Html } from '../html.ts';
import { median } from '../model/scenario.ts';
import type { HotWritesGroup, HotWritesRow } from '../model/hot-writes.ts';
import type { ChartDef } from '../charts/common.ts';

function row(r: HotWritesRow): Html {
  const hit = median(r.hitRatios);
  const stale =
    r.staleChecks > 0 ? `${formatInt(r.staleReads)} / ${formatInt(r.staleChecks)} (${formatPercent(r.staleReads / r.staleChecks)})` : 'n/a';
  const w = r.writesPerTrial;
  return html`<tr>
    <td class="mono">${r.strategy}</td>
    <td>${r.target}</td>
    <td class="num">${hit === null ? '–' : formatPercent(hit)}</td>
    <td class="num">${stale}</td>
    <td class="num">${w.min === w.max ? formatInt(w.min) : `${formatInt(w.min)}–${formatInt(w.max)}`}</td>
    <td class="num">${formatUs(median(r.writeP50Us) ?? Number.NaN)}</td>
    <td class="num">${r.rowsWrittenPerWrite.toFixed(2)}</td>
    <td class="num">${formatRps(r.readRps)}</td>
  </tr>`;
}

function group(g: HotWritesGroup, chart: ChartDef | undefined, figure: (c: ChartDef) => Html): Html {
  return html`<h3><code>${g.route}</code>: <code>${g.uniform}</code> against <code>${g.hot}</code></h3>
    <p class="verdict">${g.verdict}</p>
    <div class="scroll">
      <table class="mixed">
        <thead>
          <tr>
            <th>strategy</th>
            <th>writes</th>
            <th class="num">cache hits</th>
            <th class="num" title="reads of just-written items that missed the write / reads probed">stale reads</th>
            <th class="num" title="writes sent in each trial (the same count for every strategy)">writes/trial</th>
            <th class="num" title="from the write's scheduled time">write p50</th>
            <th class="num">rows/write</th>
            <th class="num">reads/s</th>
          </tr>
        </thead>
        <tbody>
          ${g.rows.map(row)}
        </tbody>
      </table>
    </div>
    ${chart ? html`<div class="charts">${figure(chart)}</div>` : ''}`;
}

export function hotWritesSection(groups: readonly HotWritesGroup[], charts: readonly ChartDef[], figure: (c: ChartDef) => Html): Html | '' {
  if (groups.length === 0) return '';
  return html`<section class="scenario" id="hot-writes">
    <h2>Caches and read models under writes that hit what is read</h2>
    <p>
      The same endpoint measured twice at the same write rate: writes spread uniformly over all items, and writes that follow the reads (the
      same skew over the same ids). Writes are paced beside the closed-loop reads, so every strategy receives the same writes in every
      trial; a faster strategy is not charged for its own. Ratios are hot over uniform, medians across trials with bootstrap 95 % intervals.
    </p>
    ${groups.map((g, i) => group(g, charts[i], figure))}
  </section>`;
}
