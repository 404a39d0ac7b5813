// Escaping helpers. Every string in a result file is untrusted (strategy names, commit subjects, source text, SQL),
// so the page is built with a tagged template that escapes every interpolation unless it is already `Html`.
// Forgetting to escape would need an explicit `raw()`, which is easy to grep for.

/** A fragment of markup that is already safe to insert. */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for element content and for double- or single-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

/** Marks trusted markup (our own constants, the inlined libraries) as safe. Never pass result data here. */
export function raw(markup: string): Html {
  return new Html(markup);
}

type Interpolation = Html | string | number | boolean | null | undefined | readonly Interpolation[];

function render(value: Interpolation): string {
  if (value instanceof Html) return value.value;
  if (value === null || value === undefined || value === false) return '';
  if (Array.isArray(value)) return value.map((v: Interpolation) => render(v)).join('');
  return escapeHtml(String(value));
}

/** `html\`<td>${name}</td>\`` escapes `name`; arrays are joined; null/undefined/false render as nothing. */
export function html(strings: TemplateStringsArray, ...values: Interpolation[]): Html {
  let out = strings[0] ?? '';
  for (let i = 0; i < values.length; i++) out += render(values[i]) + (strings[i + 1] ?? '');
  return new Html(out);
}

/**
 * JSON for a `<script type="application/json">` block. `<`, `>` and `&` are escaped so that no `</script>` or
 * `<!--` inside a string can end the block early; U+2028/U+2029 so the text is also a valid JS literal should
 * anyone paste it into code. The page reads it back with JSON.parse, never eval.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A stable, attribute- and URL-fragment-safe id; `taken` makes ids unique within a page. */
export function slugify(text: string, taken: Set<string>): string {
  const base =
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'item';
  let slug = base;
  for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
  taken.add(slug);
  return slug;
}
