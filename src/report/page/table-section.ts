// The frame every technique's table section shares: a heading, its verdicts, a note on how the figures were taken,
// and one scrolling table. Sections differ only in what they put in it.
import { html, type Html } from '../html.ts';

type Text = Html | string;

export interface TableSection {
  title: Text;
  /** One-line verdicts in words; empty ones are left out. */
  verdicts?: ReadonlyArray<Text | null | undefined>;
  /** How the figures were taken, in a muted paragraph. */
  note?: Text;
  /** The table's class (its column styles in page/style.ts). */
  tableClass: string;
  /** The header cells (`<th>`…), one row. */
  head: Html;
  rows: readonly Html[];
}

export function tableSection(s: TableSection): Html {
  const verdicts = (s.verdicts ?? []).filter((v): v is Text => !!v);
  return html`<h3>${s.title}</h3>
    ${verdicts.map((v) => html`<p class="verdict">${v}</p>`)} ${s.note ? html`<p class="muted">${s.note}</p>` : ''}
    <div class="scroll">
      <table class="${s.tableClass}">
        <thead>
          <tr>
            ${s.head}
          </tr>
        </thead>
        <tbody>
          ${s.rows}
        </tbody>
      </table>
    </div>`;
}
