// `accessbench compare BASE HEAD`: read both result files, compare, print or write the chosen format, and fail
// (RegressionError → exit 1) after printing when head regressed beyond the threshold.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { RegressionError } from '../core/errors.ts';
import { compareResults, type Comparison } from '../compare/compare.ts';
import { headline, regressionList } from '../compare/format.ts';
import { renderComparison, withSuffix, type CompareFormat } from '../compare/render.ts';
import { readResult } from '../results/read.ts';
import type { CompareCommand } from './compare-args.ts';

/** Writes the rendering to `out` (one file per part) or stdout; returns the files written. */
export function emitComparison(c: Comparison, format: CompareFormat, out: string | null, log: (line: string) => void): string[] {
  const parts = renderComparison(c, format);
  if (out === null) {
    for (const p of parts) process.stdout.write(p.text);
    return [];
  }
  const files: string[] = [];
  for (const p of parts) {
    const file = resolve(withSuffix(out, p.suffix));
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, p.text);
    files.push(file);
    log(`compare: ${format} written to ${file}`);
  }
  return files;
}

/** The one place a comparison becomes an exit code (timed regressions and grown query counts alike): after everything was printed and written. */
export function failOnRegression(c: Comparison): void {
  if (c.regressions.length + c.costRegressions.length > 0) throw new RegressionError(`${headline(c)}: ${regressionList(c)}`);
}

export async function compareCommand(cmd: CompareCommand, log: (line: string) => void): Promise<Comparison> {
  const base = readResult(cmd.base);
  const head = readResult(cmd.head);
  const c = compareResults(base, head, {
    threshold: cmd.threshold,
    force: cmd.force,
    allowQueryGrowth: cmd.allowQueryGrowth,
    processSpread: cmd.processSpread ?? undefined,
  });
  for (const f of c.forced) log(`compare: FORCED despite ${f}`);
  emitComparison(c, cmd.format, cmd.out, log);
  if (cmd.format !== 'table' || cmd.out !== null) log(`compare: ${headline(c)}`);
  failOnRegression(c);
  return c;
}
