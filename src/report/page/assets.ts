// The chart libraries, read from node_modules and inlined so the report opens offline from file://.
// Resolved through the packages' own directories (not hard-coded paths), whatever the install layout.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** UMD builds, in load order: vega-embed expects the `vega` and `vegaLite` globals. */
const LIBRARIES = [
  ['vega', 'build/vega.min.js'],
  ['vega-lite', 'build/vega-lite.min.js'],
  ['vega-embed', 'build/vega-embed.min.js'],
] as const;

/** The package's root directory. Its package.json is not always exported, so walk up from the main entry. */
function packageDir(name: string): string {
  let dir = dirname(require.resolve(name));
  while (!dir.endsWith(join('node_modules', name))) {
    const up = dirname(dir);
    if (up === dir) throw new Error(`cannot locate the ${name} package directory`);
    dir = up;
  }
  return dir;
}

/**
 * Makes library text safe to put inside a `<script>` element. `</script` would end the element early; `\/` means
 * the same in strings, regexes and templates. `<!--` would switch the HTML parser into an escaped state and has no
 * safe generic rewrite, so refuse rather than corrupt. The source map comment is dropped: there is no map to load.
 */
function scriptSafe(name: string, code: string): string {
  if (code.includes('<!--')) throw new Error(`${name} contains "<!--" and cannot be inlined safely`);
  return code.replace(/<\/(script)/gi, '<\\/$1').replace(/\n?\/\/# sourceMappingURL=\S*\s*$/, '\n');
}

let cached: Promise<string[]> | undefined;

/** The three libraries' code, read once per process. */
export function libraryScripts(): Promise<string[]> {
  cached ??= Promise.all(LIBRARIES.map(async ([name, file]) => scriptSafe(name, await readFile(join(packageDir(name), file), 'utf8'))));
  return cached;
}
