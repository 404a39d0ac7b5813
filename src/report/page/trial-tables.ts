// The per-trial tables of a strategy's block: every trial's figures, and where the result carries them, the read/write
// split of a mixed load (write cost, stale reads) and replica lag. A table appears only when there is data for it, so
// read-only runs stay short.
import type { LoadLevel, Trial } from '../../results/schema.ts';
import { formatBytes, formatInt, formatPercent, formatQueries, formatRps, formatUs } from '../format.ts';
import { html, type Html } from '../html.ts';

function trialRow(level: LoadLevel, t: Trial): Html {
  const s = t.server;
  return html`<tr>
    <td class="num">${level.connections}</td>
    <td class="num">${t.index}</td>
    <td class="num">${t.durationSec.toFixed(t.durationSec < 1 ? 2 : 1)} s</td>
    <td class="num">${formatInt(t.requests)}</td>
    <td class="num">${formatRps(t.rps)}</td>
    <td class="num">${formatUs(t.latencyUs.p50)}</td>
    <td class="num">${formatUs(t.latencyUs.p99)}</td>
    <td class="num">${formatUs(t.latencyUs.max)}</td>
    <td class="num">${formatInt(t.errors)}/${formatInt(t.non2xx)}/${formatInt(t.timeouts)}</td>
    <td class="num">${s ? formatQueries(s.queriesPerRequest) : 'n/a'}</td>
    <td class="num">${s ? formatBytes(s.bytesPerResponse) : 'n/a'}</td>
    <td class="num">${s ? formatUs(s.cpuMicrosPerRequest) : 'n/a'}</td>
    <td class="num">${s ? s.cpuCores.toFixed(2) : 'n/a'}</td>
    <td class="num">${s ? formatBytes(s.rssBytes) : 'n/a'}</td>
    <td class="num">${s ? `${s.eventLoopP99Ms.toFixed(1)} ms` : 'n/a'}</td>
    <td class="num">${s && s.cacheHitRatio !== null ? formatPercent(s.cacheHitRatio) : '–'}</td>
  </tr>`;
}

/** Every trial's figures at every level, and each level's summary. */
export function trialsTable(levels: readonly LoadLevel[]): Html {
  const count = levels.reduce((n, l) => n + l.trials.length, 0);
  return html`<details>
    <summary>Per-trial figures (${count} trials at ${levels.length} load ${levels.length === 1 ? 'level' : 'levels'})</summary>
    <div class="scroll">
      <table class="compact">
        <thead>
          <tr>
            <th class="num">conn.</th>
            <th class="num">trial</th>
            <th class="num">duration</th>
            <th class="num">requests</th>
            <th class="num">req/s</th>
            <th class="num">p50</th>
            <th class="num">p99</th>
            <th class="num">max</th>
            <th class="num" title="errors / non-2xx responses / timeouts">err/non2xx/t.o.</th>
            <th class="num" title="queries per request">queries</th>
            <th class="num" title="bytes per response">bytes</th>
            <th class="num" title="server CPU time per request">CPU/req</th>
            <th class="num" title="server CPU utilisation, in cores">cores</th>
            <th class="num">RSS</th>
            <th class="num" title="event-loop delay p99">loop p99</th>
            <th class="num">cache hits</th>
          </tr>
        </thead>
        <tbody>
          ${levels.map((l) => l.trials.map((t) => trialRow(l, t)))}
        </tbody>
      </table>
    </div>
    <p class="muted">
      Summary per level:
      ${levels.map(
        (l, i) =>
          html`${i > 0 ? ' · ' : ''}${l.connections} conn. → median ${formatRps(l.summary.rps.estimate)} req/s (CI
          ${formatRps(l.summary.rps.low)}–${formatRps(l.summary.rps.high)}), CV ${formatPercent(l.summary.rpsCv)}`,
      )}
    </p>
    ${warmupLine(levels)}
  </details>`;
}

/**
 * How long each level's server was warmed before its trials, and its app CPU per request chunk by chunk: the warmup
 * goes on while that still falls (src/runner/warmup.ts), so a reader sees whether the trials began on a warm server.
 */
function warmupLine(levels: readonly LoadLevel[]): Html | '' {
  const warmed = levels.filter((l) => l.warmup);
  if (warmed.length === 0) return '';
  return html`<p class="muted">
    Warmup:
    ${warmed.map((l, i) => {
      const w = l.warmup as NonNullable<LoadLevel['warmup']>;
      const costs = w.cpuMicrosPerRequest;
      const curve =
        costs.length > 1
          ? html`, app CPU per request ${costs.map((c) => formatInt(Math.round(c))).join(' → ')} µs over ${costs.length} chunks
            (${w.steady ? 'steady' : 'still falling at the limit'})`
          : '';
      return html`${i > 0 ? ' · ' : ''}${l.connections} conn. → ${w.sec.toFixed(1)} s${curve}`;
    })}
  </p>`;
}

/** A mixed load's reads and writes apart, trial by trial. */
export function mixedTrialsTable(levels: readonly LoadLevel[]): Html | '' {
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

/** Replica lag sampled during each trial. */
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
