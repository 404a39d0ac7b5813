// The database's own ceiling: the scenario's reference statement (scenario.dbReference, pg-join's SQL) driven directly
// at the load's concurrency — no HTTP, no Node server — with the very parameters the HTTP load draws. Each strategy's
// req/s over this figure is the share of what the database alone can do that survives the trip through its stack.
// pgbench (C, libpq, -M prepared) drives it where it is installed; otherwise a pg driver loop in its own process.
import { accessSync, constants, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { delimiter, join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { DatasetInfo } from '../core/dataset.ts';
import { ConfigError, InfraError } from '../core/errors.ts';
import { checkInterrupted, makeTempDir, whenInterrupted } from '../core/lifecycle.ts';
import { createRng } from '../core/rng.ts';
import type { DbReference, RawParams, Scenario } from '../core/scenario.ts';
import { spawnManaged } from '../infra/process.ts';
import type { Result } from '../results/schema.ts';
import type { LoopConfig, LoopOutcome } from './db-ceiling-loop.ts';
import { pgbenchVersion, runPgbench } from './db-ceiling-pgbench.ts';

export type DbCeiling = Result['dbCeiling'][number];

export interface DbCeilingOptions {
  scenario: Scenario;
  info: DatasetInfo;
  /** The run's seed: the replayed draws are those of the first timed trial's request stream (seed + 1). */
  seed: number;
  postgresUrl: string;
  connections: number;
  durationSec: number;
  log?: (line: string) => void;
  /** The pgbench binary: undefined looks for `pgbench` on PATH, null never uses it (the driver loop runs). */
  pgbench?: string | null;
  /** How many draws of the stream are replayed, cyclically (default 10,000). */
  draws?: number;
}

export const DEFAULT_DRAWS = 10_000;
/** A run that has not ended this long after its duration is stuck (a hung connection): it is stopped. */
const GRACE_MS = 60_000;
const LOOP = fileURLToPath(new URL('./db-ceiling-loop.ts', import.meta.url));

/**
 * The URL params of the HTTP load's reads, in order: scenario.params over the same seeded rng that
 * requestStream(scenario, info, seed) uses for a read-only load, so the database sees the same Zipf-hot ids.
 */
export function replayedParams(scenario: Scenario, info: DatasetInfo, seed: number, n: number): RawParams[] {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => scenario.params(rng, info));
}

/** Why a scenario has no database ceiling, or null when it has one. */
export function noDbCeilingReason(scenario: Scenario): string | null {
  if (scenario.mix) return 'a read-only statement is no ceiling for a read/write mix';
  if (!scenario.dbReference) return 'the scenario declares no reference statement';
  return null;
}

/** `pgbench` on PATH, or null. */
export function findPgbench(): string | null {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const bin = join(dir, 'pgbench');
    try {
      accessSync(bin, constants.X_OK);
      return bin;
    } catch {
      /* not here */
    }
  }
  return null;
}

/** The URL without its password, for messages. */
function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(an unparsable URL)';
  }
}

/** "PostgreSQL 17.10", read over one connection: also the check that the URL works before anything is started. */
async function serverOf(url: string): Promise<string> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  c.on('error', () => {});
  try {
    await c.connect();
    const r = await c.query<{ v: string }>("SELECT current_setting('server_version') AS v");
    return `PostgreSQL ${(r.rows[0]?.v ?? '?').split(' ')[0]}`;
  } finally {
    await c.end().catch(() => {});
  }
}

/**
 * Drives the scenario's reference statement for `durationSec` at `connections` clients and returns what the database
 * alone did; null (and a log line saying why) when the scenario has no reference statement. Every process and file it
 * starts is stopped and removed before it returns, on error and on Ctrl-C too. Failures throw one line.
 */
export async function measureDbCeiling(opts: DbCeilingOptions): Promise<DbCeiling | null> {
  const log = opts.log ?? (() => {});
  const name = opts.scenario.name;
  const why = noDbCeilingReason(opts.scenario);
  if (why) {
    log(`${name}: no database ceiling — ${why}`);
    return null;
  }
  if (!Number.isInteger(opts.connections) || opts.connections < 1)
    throw new ConfigError('database ceiling: connections must be a positive integer');
  if (!(opts.durationSec > 0)) throw new ConfigError('database ceiling: the duration must be positive');
  const ref = await (opts.scenario.dbReference as () => Promise<DbReference>)();
  const draws = replayedParams(opts.scenario, opts.info, opts.seed + 1, opts.draws ?? DEFAULT_DRAWS);
  const tuples = draws.map((p) => ref.args(p));
  const distinct = new Set(tuples.map((t) => t.join(','))).size;
  let server: string;
  try {
    server = await Promise.race([serverOf(opts.postgresUrl), whenInterrupted()]);
  } catch (e) {
    checkInterrupted();
    throw new InfraError(`database ceiling (${name}): cannot reach ${redact(opts.postgresUrl)}: ${oneLine(e)}`);
  }
  const bin = opts.pgbench === undefined ? findPgbench() : opts.pgbench;
  const version = bin ? pgbenchVersion(bin) : null;
  if (bin && !version) log(`${name}: ${bin} does not run; the database ceiling uses the pg driver loop`);
  const tool = version ? 'pgbench' : 'loop';
  // pgbench's -T takes whole seconds: a shorter trial (the quick profile's 0.5 s) runs it for one.
  const seconds = tool === 'pgbench' ? Math.max(1, Math.ceil(opts.durationSec)) : opts.durationSec;
  log(
    `${name}: database ceiling — ${ref.label} driven directly by ${version ?? 'a pg driver loop'}, ` +
      `${opts.connections} connections, ${seconds}s, replaying ${tuples.length} draws (${distinct} distinct)`,
  );
  const dir = makeTempDir('db-ceiling');
  const jobs = Math.max(1, Math.min(opts.connections, availableParallelism()));
  try {
    const outcome =
      tool === 'pgbench'
        ? await runPgbench({
            bin: bin as string,
            url: opts.postgresUrl,
            sql: ref.sql,
            tuples,
            connections: opts.connections,
            jobs,
            durationSec: seconds,
            dir: dir.path,
          }).then((o) => ({ tps: o.tps, statements: o.statements, latencyUs: { mean: o.meanUs, p50: null, p99: null } }))
        : await runLoop(
            {
              url: opts.postgresUrl,
              sql: ref.sql,
              tuples,
              connections: opts.connections,
              durationSec: seconds,
              out: join(dir.path, 'out.json'),
            },
            dir.path,
          );
    const ceiling: DbCeiling = {
      scenario: name,
      connections: opts.connections,
      statement: ref.label,
      tool:
        tool === 'pgbench' ? `${version}, -M prepared, -j ${jobs}` : `pg driver loop (node-postgres ${pgVersion()}), prepared statements`,
      tps: outcome.tps,
      trials: [outcome.tps],
      statements: outcome.statements,
      latencyUs: outcome.latencyUs,
      durationSec: seconds,
      draws: tuples.length,
      distinct,
      server,
    };
    log(`${name}: the database alone does ${Math.round(ceiling.tps)} statements/s at ${opts.connections} connections (${ceiling.tool})`);
    return ceiling;
  } catch (e) {
    checkInterrupted();
    throw new InfraError(`database ceiling (${name}): ${tool === 'pgbench' ? 'pgbench' : 'the pg driver loop'} failed: ${oneLine(e)}`);
  } finally {
    await dir.remove();
  }
}

/** The driver loop in a child process (never the harness's own event loop); stopped on Ctrl-C and when stuck. */
async function runLoop(cfg: LoopConfig, dir: string): Promise<LoopOutcome> {
  const configPath = join(dir, 'config.json');
  writeFileSync(configPath, JSON.stringify(cfg));
  const proc = spawnManaged('db-ceiling loop', process.execPath, ['--import', import.meta.resolve('tsx'), LOOP, configPath], {
    logFile: join(dir, 'loop.log'),
    stopTimeoutMs: 3000,
  });
  let timer: NodeJS.Timeout | undefined;
  try {
    const stuck = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`no result ${GRACE_MS / 1000}s after the run should have ended`)),
        cfg.durationSec * 1000 + GRACE_MS,
      );
    });
    const exit = await Promise.race([proc.exited, whenInterrupted(), stuck]);
    let out: Partial<LoopOutcome> & { error?: string };
    try {
      out = JSON.parse(readFileSync(cfg.out, 'utf8')) as typeof out;
    } catch {
      throw new Error(`exited with ${exit.code ?? exit.signal} and no result: ${proc.tail().trim().split('\n').at(-1) ?? ''}`);
    }
    if (out.error !== undefined) throw new Error(out.error);
    return out as LoopOutcome;
  } finally {
    clearTimeout(timer);
    await proc.stop();
  }
}

function pgVersion(): string {
  return (createRequire(import.meta.url)('pg/package.json') as { version: string }).version;
}

function oneLine(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  return (
    m
      .split('\n')
      .find((l) => l.trim() !== '')
      ?.trim() ?? 'unknown error'
  );
}
