// The section of a scenario of database variants (e.g. indexes): the verdict, each strategy on each variant against
// the baseline (reads with their interval, write latency, WAL per write), then per variant the SQL that made it, the
// indexes it left and the plan the reference statement got there (EXPLAIN (ANALYZE, BUFFERS), one sample request).
import type { VariantRecord } from '../../results/variants-schema.ts';
import { formatBytes, formatInt, formatRatio, formatRps, formatUs } from '../format.ts';
import { html, type Html } from '../html.ts';
import type { ScenarioView } from '../model/scenario.ts';
import { compareToBaseline, variantGroups, variantVerdict, type VariantComparison } from '../model/variants.ts';

const vs = (r: number | null): Html | '' => (r === null ? '' : html` <span class="muted">(${formatRatio(r)})</span>`);

function comparisonRow(c: VariantComparison): Html {
  const m = c.row.mixed;
  const reads = c.reads
    ? html` <span class="muted" title="against the baseline: conservative interval of the req/s ratio"
        >(${formatRatio(c.reads.estimate)}, ${formatRatio(c.reads.low).replace('×', '')}–${formatRatio(c.reads.high)})</span
      >`
    : '';
  return html`<tr>
    <td class="mono">${c.row.contender}</td>
    <td class="num">${m ? formatRps(m.readRps) : '–'}${reads}</td>
    <td class="num">${m ? formatUs(m.readP50Us) : '–'}</td>
    <td class="num">${m ? formatUs(m.readP99Us) : '–'}</td>
    <td class="num">${m ? formatUs(m.writeP50Us) : '–'}${vs(c.writeP50)}</td>
    <td class="num">${m ? formatUs(m.writeP99Us) : '–'}</td>
    <td class="num">${m?.walPerWrite == null ? '–' : formatBytes(m.walPerWrite)}${vs(c.walPerWrite)}</td>
  </tr>`;
}

function comparisonTable(view: ScenarioView): Html | '' {
  const groups = variantGroups(view);
  if (groups.length === 0) return '';
  return html`<div class="scroll">
    <table class="mixed">
      <thead>
        <tr>
          <th>strategy@variant</th>
          <th class="num" title="median reads per second; in brackets the req/s ratio to the baseline variant with its interval">
            reads/s
          </th>
          <th class="num">read p50</th>
          <th class="num">read p99</th>
          <th class="num">write p50</th>
          <th class="num">write p99</th>
          <th class="num" title="WAL the primary wrote during a trial ÷ its writes, median over trials">WAL/write</th>
        </tr>
      </thead>
      <tbody>
        ${groups.flatMap((g) => compareToBaseline(g).map(comparisonRow))}
      </tbody>
    </table>
  </div>`;
}

function indexList(v: VariantRecord): Html {
  const total = v.indexes.reduce((n, i) => n + i.bytes, 0);
  return html`<details>
    <summary>${formatInt(v.indexes.length)} indexes, ${formatBytes(total)} (pg_indexes on ${v.describedOn}'s copy)</summary>
    <table class="mixed">
      <tbody>
        ${v.indexes.map(
          (i) =>
            html`<tr>
              <td class="mono">${i.definition}</td>
              <td class="num">${formatBytes(i.bytes)}</td>
            </tr>`,
        )}
      </tbody>
    </table>
  </details>`;
}

function planBlock(v: VariantRecord): Html {
  if (!v.plan) return html`<p class="muted">No plan recorded${v.planError ? `: ${v.planError}` : ''}.</p>`;
  const p = v.plan;
  const n = (x: number | null, unit = ''): string => (x === null ? '?' : `${x}${unit}`);
  return html`<details>
    <summary>
      Plan of ${p.statement} for <code>${p.params}</code>: execution ${n(p.executionMs, ' ms')}, planning ${n(p.planningMs, ' ms')},
      ${n(p.sharedHit)} buffers hit, ${n(p.sharedRead)} read
    </summary>
    <pre class="plan">${p.text}</pre>
  </details>`;
}

function variantBlock(v: VariantRecord): Html {
  return html`<div class="variant">
    <h4><code>${v.name}</code> — ${v.summary}</h4>
    ${v.sql.length > 0 ? html`<pre class="plan">${v.sql.join(';\n')};</pre>` : html`<p class="muted">No SQL: the database as seeded.</p>`}
    ${indexList(v)} ${planBlock(v)}
  </div>`;
}

export function variantsSection(view: ScenarioView): Html | '' {
  const variants = view.scenario.dbVariants;
  if (!variants || variants.length === 0) return '';
  return html`<h3>Database variants</h3>
    <p class="verdict">${variantVerdict(view)}</p>
    <p class="muted">
      Each strategy ran on its own copy of the seeded database per variant, prepared by the variant's SQL; the code is the strategy's own.
      In brackets: against the same strategy on <code>${variants[0]?.name ?? ''}</code>. WAL is the primary's (cluster-wide) over each
      trial, so it includes what else wrote meanwhile: autovacuum, full-page images after a checkpoint, and what the reads themselves wrote
      (a sequential scan may prune every page it visits and, with checksums on, log hint bits).
    </p>
    ${comparisonTable(view)} ${variants.map(variantBlock)}`;
}
