// Lists the import circles among the repository's TypeScript files: `npx tsx scripts/import-cycles.ts [--runtime]
// [folder ...]` (default folders: src scenarios). Each circle is printed with its files and one loop through them.
// --runtime leaves out type-only imports (what Node loads). Exit 1 when there is a circle, 0 otherwise.
import { fileURLToPath } from 'node:url';
import { circles, importGraph, loopIn } from './import-graph.ts';

const args = process.argv.slice(2);
const runtimeOnly = args.includes('--runtime');
const unknown = args.filter((a) => a.startsWith('-') && a !== '--runtime');
if (unknown.length > 0) {
  console.error(`usage: npx tsx scripts/import-cycles.ts [--runtime] [folder ...]   (unknown: ${unknown.join(' ')})`);
  process.exit(2);
}
const roots = args.filter((a) => !a.startsWith('-'));
const folders = roots.length > 0 ? roots : ['src', 'scenarios'];
const repo = fileURLToPath(new URL('..', import.meta.url));
const graph = importGraph(repo, folders);
const inRoots = (f: string): boolean => folders.some((r) => f === r || f.startsWith(`${r.replace(/\/$/, '')}/`));
const found = circles(graph, { runtimeOnly }).filter((set) => set.some(inRoots));

const kind = runtimeOnly ? 'run-time imports' : 'imports, type-only included';
console.log(
  `${graph.size} files reached from ${folders.join(', ')} (${kind}): ${found.length} import circle${found.length === 1 ? '' : 's'}`,
);
for (const [i, set] of found.entries()) {
  console.log(`\n${i + 1}. ${set.length} files`);
  for (const f of set) console.log(`   ${f}`);
  console.log(`   loop: ${loopIn(graph, set, { runtimeOnly }).join(' → ')}`);
}
process.exit(found.length > 0 ? 1 : 0);
