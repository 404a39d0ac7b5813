// `accessbench report [files...]`: re-render the report from result files (default: every file in results/).
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ConfigError } from '../core/errors.ts';
import { readResult } from '../results/read.ts';

export async function reportCommand(files: string[], out: string): Promise<string> {
  let chosen = files;
  if (chosen.length === 0) {
    const dir = resolve('results');
    let names: string[] = [];
    try {
      names = readdirSync(dir)
        .filter((f) => f.endsWith('.json'))
        .sort();
    } catch {
      /* no results dir */
    }
    if (names.length === 0) throw new ConfigError('no result files given and none in results/ (run `accessbench run` first)');
    chosen = names.map((f) => join(dir, f));
  }
  const results = chosen.map((f) => readResult(f));
  results.sort(
    (a, b) => (a.git.commitTime ?? a.startedAt).localeCompare(b.git.commitTime ?? b.startedAt) || a.startedAt.localeCompare(b.startedAt),
  );
  const { writeReport } = await import('../report/render.ts');
  return writeReport(results, resolve(out));
}
