// The per-scenario part of the page: verdict, ranking table, what was not ranked and why, and the chart slots.
import { formatBytes, formatInt, formatPercent, formatQueries, formatRatio, formatRps, formatUs } from '../format.ts';
import { html, type Html } from '../html.ts';
import { mixedTable } from './mixed-table.ts';
import { poolingTable } from './pooling-table.ts';
import { cacheServersSection } from './cache-servers.ts';
import { cacheComparison } from '../model/cache-servers.ts';
import { freshnessSection } from './freshness.ts';
import { bulkSection } from './bulk.ts';
import { appSideSection } from './app-side.ts';
import { dbCeilingNote, dbShareCell, dbShareHeader } from './db-ceiling.ts';
import { CEILING_FACTOR, nearCeiling } from '../model/ceilings.ts';
import { speedRatio, type RankedRow, type ScenarioView, type UnrankedRow } from '../model/scenario.ts';
import type { ChartDef } from '../charts/scenario.ts';
import { strategyDetails } from './strategy.ts';
import { variantsSection } from './variants.ts';

function referenceBadge(name: string, view: ScenarioView): Html | '' {
  return name === view.scenario.reference
    ? html`<span class="badge reference" title="the payload every other strategy must match">reference</span>`
    : '';
}

function cpuCell(row: RankedRow): Html {
  const f = (v: number | null): string => (v === null ? '–' : v.toFixed(0));
  const { app, db, cache, load } = row.cpu;
  return html`<span title="load generator: ${f(load)} µs/req; '–': not measurable with this provider"
    >${f(app)} · ${f(db)} · ${f(cache)}</span
  >`;
}

function rankingRow(view: ScenarioView, row: RankedRow, rank: number, best: RankedRow): Html {
  const s = row.level.summary;
  const vsBest =
    rank === 1 ? html`<span class="muted">fastest</span>` : `${formatRatio(speedRatio(best.level, row.level).estimate)} slower`;
  const failures = s.errors + s.non2xx;
  const noisy = s.noisy
    ? html`<span
        class="badge noisy"
        title="the rounds ended before the req/s interval was within the run's precision target: treat small differences as noise"
        >noisy</span
      >`
    : '';
  // The harness, not the database, may be what stops this strategy: its lead over slower ones is understated.
  const ceiling =
    view.ceiling && nearCeiling(view, row)
      ? html`<br /><span
            class="badge warn ceiling"
            title="median req/s is at least 1/${CEILING_FACTOR} of the harness ceiling (${formatRps(view.ceiling.estimate)} req/s): the load generator and HTTP stack may be the limit, not the database"
            >near ceiling</span
          >`
      : '';
  return html`<tr>
    <td class="num">${rank}</td>
    <td>
      <a class="mono" href="#${view.anchors.get(row.strategy) ?? ''}">${row.strategy.strategy}</a
      >${referenceBadge(row.strategy.strategy, view)}
      <div class="muted">${row.strategy.technique} · ${row.strategy.client}</div>
    </td>
    <td class="num"><strong>${formatRps(s.rps.estimate)}</strong>${ceiling}</td>
    <td class="num ci">
      ${formatRps(s.rps.low)} –
      ${formatRps(s.rps.high)}${
        s.rps.confidence === undefined
          ? ''
          : html`<div class="muted" title="the interval's real coverage: distribution-free, from ${row.level.trials.length} trials">
              ${formatPercent(Math.floor(s.rps.confidence * 1000) / 1000)} · ${row.level.trials.length} trials
            </div>`
      }
    </td>
    ${dbShareCell(view, row)}
    <td class="num">${vsBest}</td>
    <td class="num">${formatUs(s.p50Us.estimate)}</td>
    <td class="num">${formatUs(s.p99Us.estimate)}</td>
    <td class="num">${formatQueries(row.queries)}</td>
    <td class="num">${cpuCell(row)}</td>
    <td class="num">${formatBytes(row.bytes)}</td>
    <td class="num">${formatPercent(s.rpsCv)}${noisy}</td>
    <td class="num">${failures === 0 ? '0' : html`<span class="badge failed">${formatInt(failures)}</span>`}</td>
  </tr>`;
}

function rankingTable(view: ScenarioView): Html {
  const best = view.ranked[0];
  if (!best) return html`<p class="banner bad">No strategy completed this scenario: see the reasons below.</p>`;
  // Many columns: on a narrow window the table scrolls sideways instead of spilling past the page.
  return html`<div class="scroll">
    <table class="ranking">
      <thead>
        <tr>
          <th class="num">#</th>
          <th>strategy</th>
          <th class="num">req/s (median)</th>
          <th class="num" title="distribution-free interval for the median, with its real confidence">interval</th>
          ${dbShareHeader(view)}
          <th class="num">vs fastest</th>
          <th class="num">p50</th>
          <th class="num">p99</th>
          <th class="num">queries/req</th>
          <th class="num" title="CPU per request, µs: strategy server · database servers · cache server (load generator in the tooltip)">
            CPU µs/req<br /><span class="muted">app · db · cache</span>
          </th>
          <th class="num">bytes/resp</th>
          <th class="num" title="coefficient of variation of req/s across trials">CV</th>
          <th class="num" title="errors + non-2xx responses over all trials">errors</th>
        </tr>
      </thead>
      <tbody>
        ${view.ranked.map((r, i) => rankingRow(view, r, i + 1, best))}
      </tbody>
    </table>
  </div>`;
}

function unrankedList(view: ScenarioView): Html | '' {
  if (view.unranked.length === 0) return '';
  const item = (u: UnrankedRow) => {
    const kind = u.strategy.status === 'completed' ? 'degraded' : u.strategy.status;
    return html`<li>
      <a class="mono" href="#${view.anchors.get(u.strategy) ?? ''}">${u.strategy.strategy}</a>
      <span class="badge ${kind}">${kind}</span> ${u.reason}
    </li>`;
  };
  return html`<h3>Not ranked</h3>
    <p class="muted">Failed, skipped and degraded strategies are never ranked: their numbers, if any, are not comparable.</p>
    <ul class="unranked">
      ${view.unranked.map(item)}
    </ul>`;
}

export function chartFigure(chart: ChartDef): Html {
  return html`<figure${chart.wide ? html` class="wide"` : ''}>
    <div class="chart" data-chart="${chart.id}"></div>
    <figcaption><strong>${chart.title}</strong>${chart.caption}</figcaption>
  </figure>`;
}

/** How close the fastest strategy came to what the harness itself can drive. */
function ceilingNote(view: ScenarioView): Html | '' {
  const best = view.ranked[0];
  if (!view.ceiling || !best) return '';
  const share = best.level.summary.rps.estimate / view.ceiling.estimate;
  const note = html`Harness ceiling (a no-op endpoint through the same server stack) at ${view.connections} connections:
  ${formatRps(view.ceiling.estimate)} req/s; the fastest strategy reaches ${formatPercent(share)} of
  it.${view.ranked.some((r) => nearCeiling(view, r)) ? html` Strategies marked <em>near ceiling</em> reach at least 1/${CEILING_FACTOR} of it: for them the harness may be the limit.` : ''}`;
  return share >= 0.8
    ? html`<p class="banner">
        ${note}
        <strong>Near the ceiling, the load generator and HTTP stack, not data access, limit the fastest strategies:</strong> differences
        between them are understated.
      </p>`
    : html`<p class="muted">${note}</p>`;
}

export function scenarioSection(view: ScenarioView, charts: readonly ChartDef[]): Html {
  const { scenario } = view;
  const at = view.connections === null ? '' : ` at ${view.connections} connections`;
  return html`<section class="scenario" id="scenario-${view.slug}">
    <h2>${scenario.name}</h2>
    <p>${scenario.summary}</p>
    <p class="muted">
      <code>${scenario.route}</code> · reference strategy <code>${scenario.reference}</code> · ranked by median
      req/s${at}${scenario.writeRatio >= 1 ? ' · write-only load' : scenario.writeRatio > 0 ? ` · mixed load: ${formatPercent(scenario.writeRatio)} writes` : ''}${(scenario.writeRate ?? 0) > 0 ? ` · mixed load: ${scenario.writeRate} writes/s beside the reads` : ''}${scenario.writeTarget === 'hot' ? ', following the reads (hot)' : ''}
    </p>
    <p class="verdict">${view.verdict}</p>
    ${(view.verdicts ?? []).map((v) => html`<p class="verdict">${v}</p>`)} ${rankingTable(view)} ${ceilingNote(view)} ${dbCeilingNote(view)}
    ${unrankedList(view)} ${mixedTable(view)} ${appSideSection(view)} ${variantsSection(view)} ${poolingTable(view)}
    ${cacheServersSection(cacheComparison(view))} ${freshnessSection(view)} ${bulkSection(view)}
    ${charts.length > 0 ? html`<div class="charts">${charts.map(chartFigure)}</div>` : ''}
    <h3>Strategies</h3>
    ${scenario.strategies.map((s) => strategyDetails(view, s))}
  </section>`;
}
