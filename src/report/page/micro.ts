// In-process costs measured with tinybench (hydration, row mapping, serialization): they explain part of the gap
// between strategies that issue the same queries, so they sit next to the HTTP figures.
import type { Result } from '../../results/schema.ts';
import { formatInt, formatRatio } from '../format.ts';
import { html, type Html } from '../html.ts';

type Micro = Result['micro'][number];

function formatNs(ns: number): string {
  if (ns < 1000) return `${ns.toFixed(0)} ns`;
  if (ns < 1e6) return `${(ns / 1000).toFixed(ns < 1e4 ? 2 : 1)} µs`;
  return `${(ns / 1e6).toFixed(2)} ms`;
}

/** Benchmarks of a group measure the same work done different ways, so only they are compared with each other. */
export function microGroups(micro: readonly Micro[]): Array<{ group: string; rows: Array<Micro & { relative: number }> }> {
  const groups = [...new Set(micro.map((m) => m.group))];
  return groups.map((group) => {
    const rows = micro.filter((m) => m.group === group).sort((a, b) => b.opsPerSec - a.opsPerSec);
    const fastest = rows[0]?.opsPerSec ?? 0;
    return { group, rows: rows.map((m) => ({ ...m, relative: m.opsPerSec > 0 ? fastest / m.opsPerSec : Number.POSITIVE_INFINITY })) };
  });
}

function relative(r: number, single: boolean): Html | string {
  if (single) return '';
  if (r <= 1) return html`<strong>1×</strong> <span class="muted">fastest</span>`;
  return `${formatRatio(r)} slower`;
}

export function microSection(r: Result): Html | '' {
  if (r.micro.length === 0) return '';
  return html`<section id="micro">
    <h2>Micro-benchmarks</h2>
    <p class="muted">
      In-process costs without the network or the database, grouped by the work measured; within a group the fastest is 1× and the others
      are shown as how many times slower. ± is tinybench's relative margin of error of the mean: a gap within the two margins is a tie.
    </p>
    <table class="micro">
      <thead>
        <tr>
          <th>benchmark</th>
          <th class="num">ops/s</th>
          <th class="num">relative</th>
          <th class="num">mean</th>
          <th class="num">p99</th>
          <th class="num">± (rme)</th>
          <th class="num">samples</th>
        </tr>
      </thead>
      <tbody>
        ${microGroups(r.micro).map(
          (g) =>
            html`<tr class="group">
                <th colspan="7">${g.group}</th>
              </tr>
              ${g.rows.map(
                (m) =>
                  html`<tr>
                    <td>${m.name}</td>
                    <td class="num">${formatInt(m.opsPerSec)}</td>
                    <td class="num">${relative(m.relative, g.rows.length === 1)}</td>
                    <td class="num">${formatNs(m.meanNs)}</td>
                    <td class="num">${formatNs(m.p99Ns)}</td>
                    <td class="num">${m.rme.toFixed(2)} %</td>
                    <td class="num">${formatInt(m.samples)}</td>
                  </tr>`,
              )}`,
        )}
      </tbody>
    </table>
  </section>`;
}
