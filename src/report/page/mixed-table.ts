// The numbers behind the mixed-load charts, one row per ranked strategy: reads and writes apart, each against the
// reference strategy, so "faster reads, costlier writes" can be read off as two ratios rather than guessed from dots.
import { formatBytes, formatInt, formatPercent, formatRatio, formatRps, formatUs } from '../format.ts';
import { html, type Html } from '../html.ts';
import { tableSection } from './table-section.ts';
import { mixedRows, type MixedFigures } from '../model/mixed.ts';
import type { ScenarioView } from '../model/scenario.ts';

function versus(value: number, ref: number | undefined, higherIsBetter: boolean): Html | '' {
  if (ref === undefined || !(ref > 0) || !(value > 0)) return '';
  const r = value / ref;
  const better = higherIsBetter ? r > 1 : r < 1;
  return html` <span class="muted" title="relative to the reference strategy"
    >(${formatRatio(r)}${Math.abs(r - 1) < 0.005 ? '' : better ? ' ▲' : ' ▼'})</span
  >`;
}

function row(m: MixedFigures, ref: MixedFigures | undefined): Html {
  const stale =
    m.staleChecks > 0 ? `${formatInt(m.staleReads)} / ${formatInt(m.staleChecks)} (${formatPercent(m.staleReads / m.staleChecks)})` : 'n/a';
  return html`<tr>
    <td class="mono">${m.strategy}</td>
    <td class="num">${formatRps(m.readRps)}${versus(m.readRps, ref?.readRps, true)}</td>
    <td class="num">${formatUs(m.readP50Us)}</td>
    <td class="num">${formatUs(m.readP99Us)}</td>
    <td class="num">${formatRps(m.writeRps)}</td>
    <td class="num">${formatUs(m.writeP50Us)}${versus(m.writeP50Us, ref?.writeP50Us, false)}</td>
    <td class="num">${formatUs(m.writeP99Us)}</td>
    <td class="num">${m.rowsWrittenPerWrite.toFixed(2)}</td>
    <td class="num">
      ${m.walPerWrite === null ? '–' : formatBytes(m.walPerWrite)}${versus(m.walPerWrite ?? 0, ref?.walPerWrite ?? undefined, false)}
    </td>
    <td class="num">${stale}</td>
    <td class="num">${m.cacheHitRatio === null ? '–' : formatPercent(m.cacheHitRatio)}</td>
  </tr>`;
}

export function mixedTable(view: ScenarioView): Html | '' {
  const rows = mixedRows(view);
  // A write-only load has no reads to set apart: its own section (page/bulk.ts) shows its figures.
  if (rows.length === 0 || view.scenario.writeRatio >= 1) return '';
  const ref = rows.find((r) => r.strategy === view.scenario.reference);
  return tableSection({
    title: 'Reads and writes apart',
    note: html`Medians across trials at ${view.connections ?? '?'} connections; stale reads summed over trials.
    ${ref ? html`In brackets: against <code>${ref.strategy}</code>, the reference (▲ better, ▼ worse).` : ''}`,
    tableClass: 'mixed',
    head: html`<th>strategy</th>
      <th class="num">reads/s</th>
      <th class="num">read p50</th>
      <th class="num">read p99</th>
      <th class="num">writes/s</th>
      <th class="num">write p50</th>
      <th class="num">write p99</th>
      <th class="num" title="rows inserted or updated per write request, counted by the server">rows/write</th>
      <th class="num" title="WAL the primary wrote during a trial / writes in it (pg_current_wal_lsn before and after)">WAL/write</th>
      <th class="num" title="reads of just-written posts that missed the write / reads probed">stale reads</th>
      <th class="num">cache hits</th>`,
    rows: rows.map((m) => row(m, ref)),
  });
}
