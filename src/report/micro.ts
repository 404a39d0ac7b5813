// In-process costs measured with tinybench (hydration, row mapping, serialization): they explain part of the gap
// between strategies that issue the same queries, so they sit next to the HTTP figures.
import type { Result } from '../results/schema.ts';
import { formatInt } from './format.ts';
import { html, type Html } from './html.ts';

function formatNs(ns: number): string {
  if (ns < 1000) return `${ns.toFixed(0)} ns`;
  if (ns < 1e6) return `${(ns / 1000).toFixed(ns < 1e4 ? 2 : 1)} µs`;
  return `${(ns / 1e6).toFixed(2)} ms`;
}

export function microSection(r: Result): Html | '' {
  if (r.micro.length === 0) return '';
  const groups = [...new Set(r.micro.map((m) => m.group))];
  return html`<section id="micro">
    <h2>Micro-benchmarks</h2>
    <p class="muted">In-process costs without the network or the database; ± is tinybench's relative margin of error.</p>
    <table>
      <thead>
        <tr>
          <th>group</th>
          <th>benchmark</th>
          <th class="num">ops/s</th>
          <th class="num">mean</th>
          <th class="num">p99</th>
          <th class="num">± (rme)</th>
          <th class="num">samples</th>
        </tr>
      </thead>
      <tbody>
        ${groups.map((g) =>
          r.micro
            .filter((m) => m.group === g)
            .map(
              (m) =>
                html`<tr>
                  <td>${m.group}</td>
                  <td>${m.name}</td>
                  <td class="num">${formatInt(m.opsPerSec)}</td>
                  <td class="num">${formatNs(m.meanNs)}</td>
                  <td class="num">${formatNs(m.p99Ns)}</td>
                  <td class="num">${m.rme.toFixed(2)} %</td>
                  <td class="num">${formatInt(m.samples)}</td>
                </tr>`,
            ),
        )}
      </tbody>
    </table>
  </section>`;
}
