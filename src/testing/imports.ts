// The modules a file reaches, followed transitively: every import and re-export (type-only ones too), import() of a
// string, and `new URL('<module>', import.meta.url)`, the way a child process's entry file is named (strategy servers,
// the database-ceiling loop). Packages are not followed. Files are parsed with TypeScript's own parser, so an import
// written inside a string or a comment (a fixture's source text) is not taken for one.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import ts from 'typescript';

const MODULE = /\.(ts|mts|js|mjs)$/;

const stringArg = (node: ts.Node | undefined): string | null =>
  node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) ? node.text : null;

/** The specifiers a file names, in source order. */
function specifiers(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false);
  const out: string[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) {
      const s = stringArg(node.moduleSpecifier);
      if (s !== null) out.push(s);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const s = stringArg(node.arguments[0]);
      if (s !== null) out.push(s);
    } else if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'URL') {
      const s = stringArg(node.arguments?.[0]);
      if (s !== null && MODULE.test(s) && node.arguments?.[1]?.getText(source) === 'import.meta.url') out.push(s);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

export interface Reach {
  /** Every file reached (absolute path), mapped to the file that first imported it (null for an entry). */
  via: Map<string, string | null>;
  /** Relative specifiers that name no file: "<importer> → <specifier>". */
  unresolved: string[];
}

/** Walks the import graph from the entry files (absolute paths). */
export function reachableFrom(entries: readonly string[]): Reach {
  const via = new Map<string, string | null>(entries.map((e) => [e, null]));
  const unresolved: string[] = [];
  const queue = [...entries];
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    for (const spec of specifiers(file)) {
      if (!spec.startsWith('.')) continue; // a package or a node: builtin
      const target = resolve(dirname(file), spec);
      if (!existsSync(target)) unresolved.push(`${file} → ${spec}`);
      else if (!via.has(target)) {
        via.set(target, file);
        if (MODULE.test(target)) queue.push(target);
      }
    }
  }
  return { via, unresolved };
}

/** The chain of imports from an entry to `file`, entry first. */
export function chainTo(reach: Reach, file: string): string[] {
  const chain: string[] = [];
  for (let f: string | null | undefined = file; f; f = reach.via.get(f)) chain.unshift(f);
  return chain;
}
