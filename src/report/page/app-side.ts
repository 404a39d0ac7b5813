// The application side of a scenario on the page: each strategy against the one issuing the same queries, with a
// verdict each and the figures behind it (req/s ratio, p50, app CPU per request with intervals). Shown only when the
// run ranked such a pair (parallel awaits, GraphQL).
import { formatPercent, formatRatio, formatUs } from '../format.ts';
import { html, type Html } from '../html.ts';
import { appSidePairs, comparedVerdicts, type AppSidePair } from '../model/app-side.ts';
import type { RatioInterval, ScenarioView } from '../model/scenario.ts';
import type { Interval } from '../../results/schema.ts';

const cpu = (c: Interval | null): Html | string =>
  c === null
    ? '–'
    : html`${formatUs(c.estimate)}
        <div class="muted">
          ${formatUs(c.low)}–${formatUs(c.high)}${c.confidence === undefined ? '' : ` (${formatPercent(Math.floor(c.confidence * 1000) / 1000)})`}
        </div>`;

const ratio = (r: RatioInterval | null): Html | string =>
  r === null
    ? '–'
    : html`${formatRatio(r.estimate)}
        <div class="muted">${formatRatio(r.low).replace('×', '')}–${formatRatio(r.high)}</div>`;

function row(p: AppSidePair): Html {
  const a = p.strategy.level.summary;
  const b = p.twin.level.summary;
  return html`<tr>
    <td>
      <span class="mono">${p.strategy.strategy.strategy}</span>
      <div class="muted">${p.strategy.level.connections} connections</div>
    </td>
    <td class="mono">${p.twin.strategy.strategy}</td>
    <td class="num">${ratio(p.speed)}</td>
    <td class="num">${formatUs(a.latencyUs.p50)} / ${formatUs(b.latencyUs.p50)}</td>
    <td class="num">${cpu(p.cpu)}</td>
    <td class="num">${cpu(p.twinCpu)}</td>
    <td class="num">${ratio(p.cpuRatio)}</td>
    <td class="num">${p.poolWait === null ? '–' : formatUs(p.poolWait)} / ${p.twinPoolWait === null ? '–' : formatUs(p.twinPoolWait)}</td>
  </tr>`;
}

export function appSideSection(view: ScenarioView): Html | '' {
  const pairs = appSidePairs(view);
  if (pairs.length === 0) return '';
  const wire = pairs.map((p) => p.strategy.strategy.parity.wire).find((w) => typeof w === 'string');
  return html`<h3>Same queries, different application work</h3>
    <p class="muted">
      Each strategy against the one issuing the same queries per request (verified on the same sample), at ${view.connections ?? '?'}
      connections: what differs is the application's own work — when the queries are sent (parallel awaits) or GraphQL's execution.
      ${
        wire
          ? html`GraphQL strategies are measured as clients call them: the load sends ${wire}; each server parses and validates a document
            once and caches it.`
          : ''
      }
      Intervals of CPU per request are distribution-free intervals of the median over trials; ratios combine the ends of the two intervals,
      so they understate certainty.
    </p>
    <ul class="verdicts">
      ${pairs.map((p) => html`<li class="verdict">${p.verdict}</li>`)}
      ${comparedVerdicts(view).map((v) => html`<li class="verdict">${v}</li>`)}
    </ul>
    <div class="scroll">
      <table class="app-side">
        <thead>
          <tr>
            <th>strategy</th>
            <th>same queries as</th>
            <th class="num" title="req/s of the strategy over its twin's, with the conservative interval">req/s ratio</th>
            <th class="num">p50 (strategy / twin)</th>
            <th class="num" title="CPU of the strategy server per request, median over trials and its interval">app CPU / req</th>
            <th class="num">twin's app CPU / req</th>
            <th class="num">app CPU ratio</th>
            <th
              class="num"
              title="time per request its queries waited for a pooled connection (pg pool full), summed over them; median over trials"
            >
              pool wait / req (strategy / twin)
            </th>
          </tr>
        </thead>
        <tbody>
          ${pairs.map(row)}
        </tbody>
      </table>
    </div>`;
}
