// The database's own ceiling in the report: the reference statement driven directly (no HTTP, no Node), and each
// strategy's req/s as a share of it. Next to the harness ceiling (a no-op route), it bounds the ranking from both sides:
// the harness says how fast the stack can go at all, the database how fast the data can be had at all.
import { formatInt, formatPercent, formatRps, formatUs } from '../format.ts';
import { html, type Html } from '../html.ts';
import { dbShare, readsPostgres } from '../model/ceilings.ts';
import type { DbCeilingRecord, RankedRow, ScenarioView } from '../model/scenario.ts';

export function dbShareHeader(view: ScenarioView): Html | '' {
  if (!view.dbCeiling) return '';
  return html`<th
    class="num"
    title="req/s as a share of what the database alone does with the reference statement at the same concurrency (${formatRps(view.dbCeiling.tps)} statements/s)"
  >
    of DB ceiling
  </th>`;
}

export function dbShareCell(view: ScenarioView, row: RankedRow): Html | '' {
  if (!view.dbCeiling) return '';
  const share = dbShare(view, row);
  if (share === null) return html`<td class="num muted" title="does not read PostgreSQL">–</td>`;
  // Over 100 %, requests are answered without running the statement (cache hits): the tooltip says so.
  return share > 1
    ? html`<td class="num" title="more than the database alone: most requests do not reach it (cache hits)">${formatPercent(share)}</td>`
    : html`<td class="num">${formatPercent(share)}</td>`;
}

/** The range over runs, when the ceiling was measured more than once: " (median of 3 runs, 14,013–14,736)". */
function spread(c: DbCeilingRecord): string {
  if (c.trials.length < 2) return '';
  return ` (median of ${c.trials.length} runs, ${formatRps(Math.min(...c.trials))}–${formatRps(Math.max(...c.trials))})`;
}

/** "The database alone does X statements/s at 16 connections; pg-join reaches 37 % of it through HTTP and Node." */
export function dbCeilingNote(view: ScenarioView): Html | '' {
  const c = view.dbCeiling;
  if (!c) return '';
  const reference = view.ranked.find((r) => r.strategy.strategy === view.scenario.reference);
  const shares = view.ranked
    .filter((r) => r !== reference && readsPostgres(r))
    .slice(0, 3)
    .map((r) => `${r.strategy.strategy} ${formatPercent(dbShare(view, r) ?? NaN)}`);
  const refShare = reference ? dbShare(view, reference) : null;
  const lead =
    refShare !== null && reference
      ? html`; ${reference.strategy.strategy} reaches ${formatPercent(refShare)} of it through HTTP and
        Node${shares.length > 0 ? html` (${shares.join(', ')})` : ''}.`
      : shares.length > 0
        ? html`; through HTTP and Node: ${shares.join(', ')}.`
        : '.';
  return html`<p class="muted db-ceiling">
    Database ceiling: the database alone does <strong>${formatRps(c.tps)} statements/s</strong>${spread(c)} at ${c.connections}
    connections${lead} (${c.statement} driven directly by ${c.tool}, mean ${formatUs(c.latencyUs.mean)} per statement, ${c.server},
    replaying ${formatInt(c.draws)} draws of the load's parameters, ${formatInt(c.distinct)} distinct.) The database's client shares the
    machine with the server, as the HTTP path does.
  </p>`;
}
