// The repository's import graph and its circles, read statically with the TypeScript compiler's parser: relative
// imports only (static `import`/`export … from`, type-only ones included, and `import()` of a string literal).
// A circle is a strongly connected set of two or more files (or a file importing itself): every file in it reaches
// every other by imports, so none of them can be understood, loaded or moved without the rest.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

export interface Edge {
  to: string;
  /** `import type` / `export type`: gone at run time, still a dependency of the design. */
  typeOnly: boolean;
}

/** Repository-relative path (forward slashes) → the files it imports. */
export type Graph = Map<string, Edge[]>;

const SKIP = new Set(['node_modules', '.git', 'generated']);

function tsFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (SKIP.has(name)) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) tsFiles(p, out);
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

/** The relative specifiers a file imports, with whether each import is type-only. */
export function importsOf(text: string, fileName = 'file.ts'): Array<{ spec: string; typeOnly: boolean }> {
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const out: Array<{ spec: string; typeOnly: boolean }> = [];
  const add = (node: ts.Node | undefined, typeOnly: boolean): void => {
    if (node && ts.isStringLiteralLike(node) && node.text.startsWith('.')) out.push({ spec: node.text, typeOnly });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) add(node.moduleSpecifier, node.importClause?.isTypeOnly ?? false);
    else if (ts.isExportDeclaration(node)) add(node.moduleSpecifier, node.isTypeOnly);
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) add(node.arguments[0], false);
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

const posix = (p: string): string => p.split(sep).join('/');

/**
 * The graph of every .ts file under `roots` (folders relative to `repo`), following relative imports wherever they
 * lead inside the repository, so that a circle passing through a folder outside the roots is still found.
 */
export function importGraph(repo: string, roots: string[]): Graph {
  const graph: Graph = new Map();
  const queue = roots.flatMap((r) => (existsSync(join(repo, r)) ? tsFiles(join(repo, r)) : []));
  while (queue.length > 0) {
    const file = queue.pop() as string;
    const key = posix(relative(repo, file));
    if (graph.has(key)) continue;
    const edges: Edge[] = [];
    for (const { spec, typeOnly } of importsOf(readFileSync(file, 'utf8'), file)) {
      const target = resolve(dirname(file), spec);
      if (!target.endsWith('.ts') || !existsSync(target)) continue; // .js/.json/.mjs: not part of the TypeScript graph
      edges.push({ to: posix(relative(repo, target)), typeOnly });
      queue.push(target);
    }
    graph.set(key, edges);
  }
  return graph;
}

/** Strongly connected sets of two or more files, or of one file importing itself (Tarjan), each sorted. */
export function circles(graph: Graph, opts: { runtimeOnly?: boolean } = {}): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  let next = 0;
  const targets = (f: string): string[] => (graph.get(f) ?? []).filter((e) => !(opts.runtimeOnly && e.typeOnly)).map((e) => e.to);
  // Iterative, so that a long chain of imports cannot overflow the call stack.
  for (const start of [...graph.keys()].sort()) {
    if (index.has(start)) continue;
    const work: Array<{ node: string; edges: string[]; i: number }> = [];
    const open = (node: string): void => {
      index.set(node, next);
      low.set(node, next++);
      stack.push(node);
      onStack.add(node);
      work.push({ node, edges: targets(node), i: 0 });
    };
    open(start);
    while (work.length > 0) {
      const top = work[work.length - 1] as { node: string; edges: string[]; i: number };
      if (top.i < top.edges.length) {
        const to = top.edges[top.i++] as string;
        if (!index.has(to)) open(to);
        else if (onStack.has(to)) low.set(top.node, Math.min(low.get(top.node) as number, index.get(to) as number));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node) as number, low.get(top.node) as number));
      if (low.get(top.node) !== index.get(top.node)) continue;
      const set: string[] = [];
      let f: string;
      do {
        f = stack.pop() as string;
        onStack.delete(f);
        set.push(f);
      } while (f !== top.node);
      if (set.length > 1 || targets(top.node).includes(top.node)) out.push(set.sort());
    }
  }
  return out.sort((a, b) => b.length - a.length || (a[0] as string).localeCompare(b[0] as string));
}

/** One closed path through a circle, to show how it closes: `a.ts → b.ts → a.ts`. */
export function loopIn(graph: Graph, set: string[], opts: { runtimeOnly?: boolean } = {}): string[] {
  const members = new Set(set);
  const start = set[0] as string;
  const prev = new Map<string, string>();
  const queue = [start];
  // Breadth-first from the first file back to itself, inside the circle: the shortest loop through it.
  while (queue.length > 0) {
    const f = queue.shift() as string;
    for (const e of graph.get(f) ?? []) {
      if (!members.has(e.to) || (opts.runtimeOnly && e.typeOnly)) continue;
      if (e.to === start) {
        const back = [f];
        while (back[back.length - 1] !== start) back.push(prev.get(back[back.length - 1] as string) as string);
        return [...back.reverse(), start];
      }
      if (!prev.has(e.to)) {
        prev.set(e.to, f);
        queue.push(e.to);
      }
    }
  }
  return [];
}
