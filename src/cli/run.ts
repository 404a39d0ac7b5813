// `accessbench run`: resolve the selection and profile, run the pipeline, write the result file and the report.
import { accessSync, constants, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ConfigError, InfraError } from '../core/errors.ts';
import { loadScenario, loadStrategy, scenarioNames } from '../core/registry.ts';
import { splitVariant, unknownVariant } from '../core/variants.ts';
import { runInOf, type ProfileName } from '../core/scenario.ts';
import type { InfraProvider } from '../core/infra.ts';
import { chooseProvider as selectProvider } from '../infra/select.ts';
import type { RunFlags } from '../options/table.ts';
import { applyConfig, loadConfig } from './config.ts';
import { resolveProfile } from '../runner/profiles.ts';
import { enterPhase, runBenchmark, type RunOptions, type Selection } from '../runner/run.ts';
import { writeResult } from '../results/write.ts';
import { summaryTable } from './summary.ts';
import type { Result } from '../results/schema.ts';

/**
 * The scenarios and strategies a run measures: those named, or else every one whose `runIn` includes the profile
 * (a scenario or strategy without `runIn` runs in every profile).
 */
export async function resolveSelection(
  flags: Pick<RunFlags, 'scenarios' | 'strategies'> & { profile?: ProfileName },
): Promise<Selection[]> {
  const inProfile = (x: { runIn?: readonly ProfileName[] }): boolean => !x.runIn || !flags.profile || x.runIn.includes(flags.profile);
  const names = [];
  if (flags.scenarios.length > 0) names.push(...flags.scenarios);
  else for (const name of scenarioNames()) if (inProfile(await loadScenario(name))) names.push(name);
  const selection: Selection[] = [];
  const unknownStrategies = new Set(flags.strategies);
  for (const name of names) {
    const scenario = await loadScenario(name);
    const all = Object.keys(scenario.strategies);
    const chosen = [];
    // A strategy named without a variant, in a scenario of database variants, is that strategy on every variant.
    const named = (s: string): boolean => flags.strategies.includes(s) || flags.strategies.includes(splitVariant(s).strategy);
    if (flags.strategies.length > 0) chosen.push(...all.filter(named));
    else for (const s of all) if (inProfile(runInOf(scenario, s, (await loadStrategy(name, s)).strategy))) chosen.push(s);
    for (const s of chosen) {
      unknownStrategies.delete(s);
      unknownStrategies.delete(splitVariant(s).strategy);
    }
    for (const s of flags.strategies) {
      const bad = flags.scenarios.includes(name) && scenario.dbVariants ? unknownVariant(scenario, s) : null;
      if (bad) throw new ConfigError(bad);
    }
    if (chosen.length > 0) selection.push({ scenario: name, strategies: chosen });
  }
  if (unknownStrategies.size > 0) {
    const valid = new Set<string>();
    for (const name of names) for (const s of Object.keys((await loadScenario(name)).strategies)) valid.add(s);
    throw new ConfigError(
      `unknown strategy "${[...unknownStrategies][0]}" for ${names.join(', ')} (valid: ${[...valid].sort().join(', ')})`,
    );
  }
  return selection;
}

/** The provider the options ask for. Only the URLs given: an undefined entry must not hide the same server's ACCESSBENCH_*_URL. */
export function chooseProvider(flags: RunFlags): Promise<InfraProvider> {
  const urls = {
    postgres: flags.postgresUrl,
    replica: flags.replicaUrl,
    redis: flags.redisUrl,
    mongo: flags.mongoUrl,
    pgbouncer: flags.pgbouncerUrl,
    memcached: flags.memcachedUrl,
  };
  const given = Object.fromEntries(Object.entries(urls).filter(([, u]) => u !== undefined));
  return selectProvider({ infra: flags.infra, urls: given, mongoBinary: flags.mongoBinary, images: flags.images });
}

/**
 * Where a run's files go must be writable before the run, not after it: a typo in --out would otherwise cost the whole
 * measured run at the end. Checks the directory or, when it does not exist yet, the nearest existing parent.
 */
export function checkWritableDir(dir: string, flag: string): void {
  let p = resolve(dir);
  for (;;) {
    let code: string | undefined;
    try {
      if (!statSync(p).isDirectory()) throw new ConfigError(`--${flag}: ${p} is not a directory`);
      accessSync(p, constants.W_OK);
      return;
    } catch (e) {
      if (e instanceof ConfigError) throw e;
      code = (e as NodeJS.ErrnoException).code;
    }
    if (code !== 'ENOENT' || dirname(p) === p)
      throw new ConfigError(`--${flag}: cannot write to ${resolve(dir)} (${code ?? 'unknown error'})`);
    p = dirname(p);
  }
}

/** What a caller of the CLI may hook into a run (tests do; `accessbench` itself passes nothing). */
export type RunHooks = Pick<RunOptions, 'onPhase'>;

export async function runCommand(
  given: RunFlags,
  log: (line: string) => void,
  hooks: RunHooks = {},
): Promise<{ result: Result; file: string; report: string | null }> {
  const loaded = await loadConfig(given.config);
  const flags = loaded ? applyConfig(given, loaded.config, new Set(given.explicit ?? [])) : given;
  if (loaded) log(`config: ${loaded.file}`);
  const selection = await resolveSelection(flags);
  const profile = resolveProfile(flags);
  checkWritableDir(flags.out, 'out');
  checkWritableDir(dirname(resolve(flags.report)), 'report');
  const provider = await chooseProvider(flags);
  const seedCache = flags.noSeedCache ? null : undefined;
  const result = await runBenchmark({ selection, profile, seed: flags.seed, provider, log, settings: flags.settings, seedCache, ...hooks });
  const file = writeResult(resolve(flags.out), result);
  log(`results: ${file}`);
  await enterPhase(hooks, 'report');
  let report: string | null = null;
  try {
    const { writeReport } = await import('../report/render.ts');
    report = await writeReport([result], resolve(flags.report));
    log(`report: ${report}`);
  } catch (e) {
    log(`report: not written — ${(e as Error).message}`);
  }
  if (flags.json) process.stdout.write(JSON.stringify(result, null, 1) + '\n');
  else process.stdout.write(summaryTable(result) + '\n');
  // Written and reported, but a run that lost a server every strategy needs is a failure, never a gate's pass.
  if (result.partial) throw new InfraError(result.stoppedBy ?? 'the run stopped early: its result is partial');
  return { result, file, report };
}
