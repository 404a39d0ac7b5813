// `accessbench ci` (npm run bench:ci): the quick profile writing its result file, and — given a baseline result
// (--baseline or ACCESSBENCH_BASELINE) — the comparison against it: the table on stdout, the markdown to --markdown,
// else appended to $GITHUB_STEP_SUMMARY when GitHub Actions sets it, else stdout. Exit 1 on a regression.
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ConfigError } from '../core/errors.ts';
import { compareResults } from '../compare/compare.ts';
import { renderMarkdown } from '../compare/render-markdown.ts';
import { renderTable } from '../compare/render-table.ts';
import { readResult } from '../results/read.ts';
import type { Result } from '../results/schema.ts';
import { failOnRegression } from './compare.ts';
import type { CiCommand } from './compare-args.ts';
import { resolveProfile } from '../runner/profiles.ts';
import { runCommand } from './run.ts';

/** Refuses before spending minutes on a run whose result could not be compared with the baseline anyway. */
function checkBaseline(base: Result, cmd: CiCommand, file: string): void {
  const profile = resolveProfile(cmd.run);
  const seed = cmd.run.seed;
  const diffs = [
    base.profile.name !== profile.name ? `profile ${base.profile.name} vs ${profile.name}` : '',
    base.dataset.preset !== profile.preset ? `dataset preset ${base.dataset.preset} vs ${profile.preset}` : '',
    base.dataset.seed !== seed ? `seed ${base.dataset.seed} vs ${seed}` : '',
  ].filter(Boolean);
  if (diffs.length > 0)
    throw new ConfigError(`${file}: the baseline was measured differently (${diffs.join('; ')}); pass matching run flags`);
}

/** To `explicit`, else appended to $GITHUB_STEP_SUMMARY when set, else (if `stdout`) printed. */
export function writeMarkdown(text: string, explicit: string | null, log: (line: string) => void, stdout = true): void {
  const summary = process.env.GITHUB_STEP_SUMMARY;
  if (explicit) {
    const file = resolve(explicit);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
    log(`compare: markdown written to ${file}`);
  } else if (summary) {
    // The step summary is shared by everything the step prints: add to it, never replace it.
    appendFileSync(summary, text + '\n');
    log('compare: markdown appended to $GITHUB_STEP_SUMMARY');
  } else if (stdout) process.stdout.write(text + '\n');
}

export async function ciCommand(cmd: CiCommand, log: (line: string) => void): Promise<void> {
  const baselineFile = cmd.baseline ?? process.env.ACCESSBENCH_BASELINE ?? null;
  const base = baselineFile ? readResult(baselineFile) : null;
  if (base && baselineFile) checkBaseline(base, cmd, baselineFile);
  const { result } = await runCommand(cmd.run, log);
  if (!base) {
    log('ci: no baseline (--baseline FILE or ACCESSBENCH_BASELINE): result written, nothing compared');
    return;
  }
  const c = compareResults(base, result, {
    threshold: cmd.threshold,
    allowQueryGrowth: cmd.allowQueryGrowth,
    processSpread: cmd.processSpread ?? undefined,
  });
  process.stdout.write(`\n${renderTable(c)}\n`);
  writeMarkdown(renderMarkdown(c), cmd.markdown, log);
  failOnRegression(c);
}
