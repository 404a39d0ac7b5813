// Where and how the numbers were taken. A benchmark result without its machine, versions, server kinds and profile
// cannot be reproduced or compared, so all of it is on the page, next to the runs that feed the history chart.
import type { Result } from '../../results/schema.ts';
import { formatBytes, formatInt, formatTime } from '../format.ts';
import { html, type Html } from '../html.ts';
import { momentsPhrase, slowSharePhrase, STEADY_CV } from '../../stats/steadiness.ts';

function kv(rows: ReadonlyArray<readonly [string, Html | string | number]>): Html {
  return html`<table class="kv">
    ${rows.map(
      ([k, v]) =>
        html`<tr>
          <th>${k}</th>
          <td>${v}</td>
        </tr>`,
    )}
  </table>`;
}

/** Name and digest, and loudly when it is a local stand-in rather than the official image. */
function image(i: Result['infra']['backends'][number]['image']): Html | string {
  if (!i) return '';
  return html`<code>${i.name}</code> <span class="muted">${i.digest.slice(0, 19)}…</span>${
      i.standInFor ? html` <span class="badge skipped">local stand-in for ${i.standInFor}</span>` : ''
    }`;
}

function backends(r: Result): Html {
  return html`<table>
    <thead>
      <tr>
        <th>need</th>
        <th>status</th>
        <th>server</th>
        <th>image</th>
        <th>reason</th>
      </tr>
    </thead>
    <tbody>
      ${r.infra.backends.map(
        (b) =>
          html`<tr>
            <td>${b.need}</td>
            <td><span class="badge ${b.status === 'up' ? 'completed' : 'skipped'}">${b.status}</span></td>
            <td>${b.server ?? html`<span class="muted">n/a</span>`}</td>
            <td>${image(b.image)}</td>
            <td>${b.reason ?? ''}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

/** How steady the processors were over the run: the floor under every timed figure (older files: not shown). */
function steadiness(r: Result): Array<readonly [string, Html | string]> {
  const s = r.machine.cpuSteadiness;
  if (!s) return [];
  const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
  const moments = momentsPhrase(s);
  const slow = slowSharePhrase(s);
  return [
    [
      'CPU steadiness',
      html`${pct(s.cv)} CV of fixed work per CPU second over ${s.windowSec} s windows (${s.windows} windows,
      ${moments ? `${moments}, ` : ''}${s.cores} cores at once; slowest ×${s.slowest.toFixed(2)}, fastest
      ×${s.fastest.toFixed(2)}${slow ? `; ${slow}` : ''})${
        s.cv > STEADY_CV ? html` <span class="badge warn">unsteady: no trial can be steadier than this</span>` : ''
      }`,
    ],
  ];
}

function machineKey(r: Result): string {
  return `${r.machine.cpuModel} ×${r.machine.cores}, ${formatBytes(r.machine.memoryBytes)}, ${r.machine.hostname}`;
}

function profileKey(r: Result): string {
  return `${r.profile.name}: ${r.profile.trials}×${r.profile.trialSec}s at ${r.profile.connections.join('/')} conn., ${r.dataset.preset} dataset`;
}

/** The runs behind the history chart. Differences in machine or profile are flagged: such runs are not comparable. */
function runsTable(runs: readonly Result[], labels: readonly string[], current: Result): Html {
  const differs = (a: string, b: string) => (a === b ? '' : html`<span class="badge warn">differs</span>`);
  return html`<h3>Runs in this report</h3>
    <table>
      <thead>
        <tr>
          <th>label</th>
          <th>commit</th>
          <th>subject</th>
          <th>started</th>
          <th>machine</th>
          <th>profile</th>
        </tr>
      </thead>
      <tbody>
        ${runs.map(
          (r, i) =>
            html`<tr>
              <td class="mono nowrap">${labels[i] ?? ''}${r === current ? html`<span class="badge reference">current</span>` : ''}</td>
              <td>
                <span class="mono">${r.git.sha.slice(0, 12)}</span>${r.git.dirty ? ' (dirty)' : ''}
                <div class="muted">${r.git.branch}</div>
              </td>
              <td>${r.git.subject ?? ''}</td>
              <td class="nowrap">${formatTime(r.startedAt)}</td>
              <td>${machineKey(r)}${differs(machineKey(r), machineKey(current))}</td>
              <td>${profileKey(r)}${differs(profileKey(r), profileKey(current))}</td>
            </tr>`,
        )}
      </tbody>
    </table>`;
}

export function environmentSection(current: Result, runs: readonly Result[], labels: readonly string[]): Html {
  const r = current;
  const versions = Object.entries(r.versions).sort(([a], [b]) => a.localeCompare(b));
  const counts = Object.entries(r.dataset.counts);
  return html`<section id="environment">
    <h2>Environment</h2>
    <div class="grid2">
      <div>
        <h3>Run</h3>
        ${kv([
          ['run id', html`<code>${r.runId}</code>`],
          ['started', formatTime(r.startedAt)],
          ['finished', formatTime(r.finishedAt)],
          ['complete', r.partial ? html`<span class="badge failed">partial</span>` : 'yes'],
          ['commit', html`<code>${r.git.sha}</code>`],
          ['branch', r.git.branch],
          ['working tree', r.git.dirty ? html`<span class="badge warn">dirty</span> uncommitted changes were measured` : 'clean'],
          ['commit time', formatTime(r.git.commitTime)],
          ['subject', r.git.subject ?? html`<span class="muted">n/a</span>`],
        ])}
      </div>
      <div>
        <h3>Machine</h3>
        ${kv([
          ['CPU', r.machine.cpuModel],
          ['cores', r.machine.cores],
          ['memory', formatBytes(r.machine.memoryBytes)],
          ['OS', r.machine.os],
          ['host', r.machine.hostname],
          ...steadiness(r),
        ])}
        <h3>Profile</h3>
        ${kv([
          ['name', r.profile.name],
          ['warmup', `${r.profile.warmupSec} s`],
          ['trials', `${r.profile.trials} × ${r.profile.trialSec} s, strategies interleaved`],
          ['connections', r.profile.connections.join(', ')],
          ['verify samples', r.profile.verifySamples],
        ])}
      </div>
      <div>
        <h3>Infrastructure</h3>
        ${kv([
          ['provider', r.infra.provider],
          ['why', r.infra.reason],
        ])}${backends(r)}
      </div>
      <div>
        <h3>Dataset</h3>
        ${kv([
          ['preset', r.dataset.preset],
          ['seed', r.dataset.seed],
          ['seeded in', `${r.dataset.seedSeconds.toFixed(1)} s`],
          ...counts.map(([k, v]) => [k, formatInt(v)] as const),
        ])}
      </div>
      <div>
        <h3>Versions</h3>
        ${kv(versions.map(([k, v]) => [k, html`<code>${v}</code>`] as const))}
      </div>
    </div>
    ${runs.length >= 2 ? runsTable(runs, labels, current) : ''}
  </section>`;
}
