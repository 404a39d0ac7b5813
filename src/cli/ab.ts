// `accessbench ab --base REF`: measure the base commit and this working tree in one run (see src/ab/index.ts),
// write both result files and a report with both, print the comparison, write its markdown, and fail (exit 1) on a
// regression — after everything was written, so CI can still upload and comment.
import { resolve } from 'node:path';
import { runAb, type AbOutcome } from '../ab/index.ts';
import { headline } from '../compare/format.ts';
import { renderMarkdown } from '../compare/render-markdown.ts';
import { renderTable } from '../compare/render-table.ts';
import { writeResult } from '../results/write.ts';
import { writeMarkdown } from './ci.ts';
import { failOnRegression } from './compare.ts';
import type { AbCommand } from './compare-args.ts';
import { resolveGateProfile } from '../runner/profiles.ts';
import { chooseProvider, resolveSelection } from './run.ts';
import { applyConfig, loadConfig } from './config.ts';

export async function abCommand(cmd: AbCommand, log: (line: string) => void): Promise<AbOutcome> {
  // Like `run`, ab reads the config file (accessbench.config.* or --config): flags on the command line win.
  const loaded = await loadConfig(cmd.run.config);
  const flags = loaded ? applyConfig(cmd.run, loaded.config, new Set(cmd.run.explicit ?? [])) : cmd.run;
  if (loaded) log(`config: ${loaded.file}`);
  const selection = await resolveSelection(flags);
  const profile = resolveGateProfile(flags);
  const provider = await chooseProvider(flags);
  const outcome = await runAb({
    baseRef: cmd.baseRef,
    selection,
    strategyFilter: flags.strategies,
    profile,
    seed: flags.seed,
    provider,
    threshold: cmd.threshold,
    processSpread: cmd.processSpread ?? undefined,
    processes: cmd.processes,
    allowQueryGrowth: cmd.allowQueryGrowth,
    seedCache: flags.noSeedCache ? null : undefined,
    settings: flags.settings,
    log,
  });
  const dir = resolve(flags.out);
  log(`results: base ${writeResult(dir, outcome.base)}`);
  log(`results: head ${writeResult(dir, outcome.head)}`);
  try {
    const { writeReport } = await import('../report/render.ts');
    log(`report: ${await writeReport([outcome.base, outcome.head], resolve(flags.report))}`);
  } catch (e) {
    log(`report: not written — ${(e as Error).message}`);
  }
  const c = outcome.comparison;
  process.stdout.write(renderTable(c) + '\n');
  const intro =
    `Base \`${cmd.baseRef}\` and head were measured in **one run**: same databases, same seeded data, trials alternating ` +
    `between the two commits' servers. The base ran from a git worktree with ${outcome.deps}.`;
  writeMarkdown(renderMarkdown(c, intro), cmd.markdown, log, false);
  log(`ab: ${headline(c)}`);
  failOnRegression(c);
  return outcome;
}
