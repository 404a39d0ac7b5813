// argv → a typed command, as a pure function (testable, property-tested): every problem is a ConfigError with one
// line that names the flag. No I/O here beyond nothing at all.
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { ConfigError } from '../core/errors.ts';
import { PRESET_NAMES } from '../../datasets/presets.ts';
import { parseBackendUrl } from '../infra/external.ts';
import { INFRA_CHOICES } from '../infra/select.ts';
import { parseCalibrate, type CalibrateCommand } from './calibrate-args.ts';
import { parseAb, parseCi, parseCompare, type AbCommand, type CiCommand, type CompareCommand } from './compare-args.ts';

export const COMMANDS = ['run', 'report', 'compare', 'ab', 'ci', 'calibrate', 'list', 'doctor', 'clean', 'help'] as const;
export type CommandName = (typeof COMMANDS)[number];

/** "5s", "500ms", "1m", "2.5" (seconds) → seconds. */
export function parseDuration(raw: string, flag: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(raw.trim());
  if (!m) throw new ConfigError(`--${flag}: "${raw}" is not a duration (examples: 5s, 500ms, 1m)`);
  const n = Number(m[1]);
  const sec = m[2] === 'ms' ? n / 1000 : m[2] === 'm' ? n * 60 : n;
  if (!(sec > 0) || sec > 3600) throw new ConfigError(`--${flag}: "${raw}" must be more than 0 and at most 1h`);
  return sec;
}

export function parseIntList(raw: string, flag: string, min: number, max: number): number[] {
  const parts = raw.split(',').map((s) => s.trim());
  return parts.map((p) => {
    if (!/^\d+$/.test(p)) throw new ConfigError(`--${flag}: "${p}" is not a whole number`);
    const n = Number(p);
    if (n < min || n > max) throw new ConfigError(`--${flag}: ${n} is out of range (${min}–${max})`);
    return n;
  });
}

/** "0.1" or "10%" → 0.1; within [0, 1]. */
export function parseRatio(raw: string, flag: string): number {
  const m = /^(\d+(?:\.\d+)?)(%)?$/.exec(raw.trim());
  const n = m ? Number(m[1]) / (m[2] ? 100 : 1) : NaN;
  if (!(n >= 0 && n <= 1)) throw new ConfigError(`--${flag}: "${raw}" is not a ratio between 0 and 1 (examples: 0.1, 10%)`);
  return n;
}

/** "3%" or "0.03" → 0.03: a relative half-width, more than 0 and at most 100 %. */
function parsePrecision(raw: string): number {
  const n = parseRatio(raw, 'precision');
  if (!(n > 0)) throw new ConfigError(`--precision: "${raw}" must be more than 0 (examples: 3%, 0.05)`);
  return n;
}

const list = (v: string | string[] | undefined): string[] =>
  (Array.isArray(v) ? v : v ? [v] : [])
    .flatMap((s) => s.split(','))
    .map((s) => s.trim())
    .filter(Boolean);

export const RunFlags = z.object({
  scenarios: z.array(z.string()),
  strategies: z.array(z.string()),
  profile: z.enum(['quick', 'default', 'full']),
  preset: z.enum(PRESET_NAMES as [string, ...string[]]).optional(),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .optional(),
  durationSec: z.number().optional(),
  warmupSec: z.number().optional(),
  trials: z.number().int().optional(),
  maxTrials: z.number().int().optional(),
  precision: z.number().positive().max(1).optional(),
  placement: z.enum(['shared', 'split']).optional(),
  connections: z.array(z.number().int()).optional(),
  writeRatio: z.number().min(0).max(1).optional(),
  rateTargetMs: z.number().positive().optional(),
  infra: z.enum(INFRA_CHOICES),
  postgresUrl: z.string().optional(),
  replicaUrl: z.string().optional(),
  redisUrl: z.string().optional(),
  mongoUrl: z.string().optional(),
  out: z.string(),
  report: z.string(),
  json: z.boolean(),
  mongoBinary: z.string().optional(),
  /** Seed PostgreSQL afresh instead of starting from the seeded-database cache (and do not fill it). */
  noSeedCache: z.boolean().optional(),
  /** Container images for --infra docker (the config file's `images`; ACCESSBENCH_*_IMAGE wins over them). */
  images: z.object({ postgres: z.string(), redis: z.string(), mongo: z.string() }).partial().optional(),
  /** A config file to read (default: accessbench.config.ts or .json in the working directory, if present). */
  config: z.string().optional(),
  /** The flags typed on the command line: they win over the config file. */
  explicit: z.array(z.string()).optional(),
});
export type RunFlags = z.infer<typeof RunFlags>;

export type Command =
  | { name: 'run'; flags: RunFlags }
  | { name: 'report'; files: string[]; out: string }
  | { name: 'list'; json: boolean }
  | CompareCommand
  | AbCommand
  | CiCommand
  | CalibrateCommand
  | { name: 'doctor'; json: boolean; urls: BackendUrls }
  | { name: 'clean'; all: boolean }
  | { name: 'help'; topic?: string };

/** --postgres-url and friends, checked for shape and scheme here; whether they answer is the provider's business. */
export type BackendUrls = Pick<RunFlags, 'postgresUrl' | 'replicaUrl' | 'redisUrl' | 'mongoUrl'>;

const URL_OPTIONS = {
  'postgres-url': { type: 'string' },
  'replica-url': { type: 'string' },
  'redis-url': { type: 'string' },
  'mongo-url': { type: 'string' },
} as const;

function backendUrls(v: Partial<Record<keyof typeof URL_OPTIONS, string>>): BackendUrls {
  const url = (need: 'postgres' | 'replica' | 'redis' | 'mongo'): string | undefined => {
    const raw = v[`${need}-url`];
    return raw === undefined ? undefined : parseBackendUrl(need, raw);
  };
  return { postgresUrl: url('postgres'), replicaUrl: url('replica'), redisUrl: url('redis'), mongoUrl: url('mongo') };
}

const RUN_OPTIONS = {
  config: { type: 'string' },
  scenario: { type: 'string', multiple: true },
  strategy: { type: 'string', multiple: true },
  profile: { type: 'string' },
  preset: { type: 'string' },
  seed: { type: 'string' },
  duration: { type: 'string' },
  warmup: { type: 'string' },
  trials: { type: 'string' },
  'max-trials': { type: 'string' },
  precision: { type: 'string' },
  placement: { type: 'string' },
  connections: { type: 'string' },
  'write-ratio': { type: 'string' },
  'rate-target': { type: 'string' },
  infra: { type: 'string' },
  out: { type: 'string' },
  report: { type: 'string' },
  json: { type: 'boolean' },
  'mongo-binary': { type: 'string' },
  'no-seed-cache': { type: 'boolean' },
  ...URL_OPTIONS,
  help: { type: 'boolean', short: 'h' },
} as const;

function guard<T>(parse: () => T): T {
  try {
    return parse();
  } catch (e) {
    // node's messages are long and multi-line; keep the first sentence.
    throw new ConfigError((e as Error).message.split('\n')[0] ?? 'bad arguments');
  }
}

function oneOf<T extends string>(raw: string | undefined, flag: string, valid: readonly T[], fallback: T): T {
  if (raw === undefined) return fallback;
  if (!(valid as readonly string[]).includes(raw)) throw new ConfigError(`--${flag}: "${raw}" is not one of ${valid.join(', ')}`);
  return raw as T;
}

/**
 * argv → a command. Messages echo what the user typed; a value holding a line break (a stray paste, `$'a\nb'`) is
 * shown escaped, so every error stays the one line the CLI prints.
 */
export function parseCommand(argv: string[]): Command {
  try {
    return parseArgv(argv);
  } catch (e) {
    if (e instanceof ConfigError && /[\r\n]/.test(e.message)) throw new ConfigError(e.message.replace(/\r/g, '\\r').replace(/\n/g, '\\n'));
    throw e;
  }
}

function parseArgv(argv: string[]): Command {
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') return { name: 'help', topic: rest[0] };
  if (!(COMMANDS as readonly string[]).includes(first)) {
    throw new ConfigError(`unknown command "${first}" (commands: ${COMMANDS.filter((c) => c !== 'help').join(', ')}; see --help)`);
  }
  if (first === 'list') {
    const { values } = guard(() =>
      parseArgs({ args: rest, options: { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, strict: true }),
    );
    return values.help ? { name: 'help', topic: 'list' } : { name: 'list', json: !!values.json };
  }
  if (first === 'clean') {
    const { values } = guard(() =>
      parseArgs({ args: rest, options: { all: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, strict: true }),
    );
    return values.help ? { name: 'help', topic: 'clean' } : { name: 'clean', all: !!values.all };
  }
  if (first === 'doctor') {
    const options = { json: { type: 'boolean' }, ...URL_OPTIONS, help: { type: 'boolean', short: 'h' } } as const;
    const { values } = guard(() => parseArgs({ args: rest, options, strict: true }));
    return values.help ? { name: 'help', topic: 'doctor' } : { name: 'doctor', json: !!values.json, urls: backendUrls(values) };
  }
  if (first === 'report') {
    const { values, positionals } = guard(() =>
      parseArgs({
        args: rest,
        options: { out: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
        strict: true,
        allowPositionals: true,
      }),
    );
    if (values.help) return { name: 'help', topic: 'report' };
    return { name: 'report', files: positionals, out: (values.out as string | undefined) ?? 'report/index.html' };
  }
  if (first === 'compare') return parseCompare(rest);
  if (first === 'ab' || first === 'ci' || first === 'calibrate') {
    // Both take every run flag; the run parser validates them.
    const parseRun = (args: string[]): RunFlags | null => {
      const c = parseCommand(['run', ...args]);
      return c.name === 'run' ? c.flags : null;
    };
    if (first === 'calibrate') return parseCalibrate(rest, parseRun);
    return first === 'ab' ? parseAb(rest, parseRun) : parseCi(rest, parseRun);
  }
  const { values: v } = guard(() => parseArgs({ args: rest, options: RUN_OPTIONS, strict: true }));
  if (v.help) return { name: 'help', topic: 'run' };
  const flags: RunFlags = {
    scenarios: list(v.scenario),
    strategies: list(v.strategy),
    profile: oneOf(v.profile, 'profile', ['quick', 'default', 'full'] as const, 'default'),
    preset: v.preset === undefined ? undefined : oneOf(v.preset, 'preset', PRESET_NAMES, 'small'),
    seed: v.seed === undefined ? undefined : (parseIntList(v.seed, 'seed', 0, 2 ** 31 - 1)[0] as number),
    durationSec: v.duration === undefined ? undefined : parseDuration(v.duration, 'duration'),
    warmupSec: v.warmup === undefined ? undefined : parseDuration(v.warmup, 'warmup'),
    trials: v.trials === undefined ? undefined : (parseIntList(v.trials, 'trials', 1, 100)[0] as number),
    maxTrials: v['max-trials'] === undefined ? undefined : (parseIntList(v['max-trials'], 'max-trials', 1, 100)[0] as number),
    precision: v.precision === undefined ? undefined : parsePrecision(v.precision),
    placement: v.placement === undefined ? undefined : oneOf(v.placement, 'placement', ['shared', 'split'] as const, 'shared'),
    connections: v.connections === undefined ? undefined : parseIntList(v.connections, 'connections', 1, 1024),
    writeRatio: v['write-ratio'] === undefined ? undefined : parseRatio(v['write-ratio'], 'write-ratio'),
    rateTargetMs: v['rate-target'] === undefined ? undefined : parseDuration(v['rate-target'], 'rate-target') * 1000,
    infra: oneOf(v.infra, 'infra', INFRA_CHOICES, 'auto'),
    ...backendUrls(v),
    out: v.out ?? 'results',
    report: v.report ?? 'report/index.html',
    json: !!v.json,
    mongoBinary: v['mongo-binary'],
    noSeedCache: v['no-seed-cache'] ? true : undefined,
    config: v.config,
    explicit: Object.keys(v),
  };
  return { name: 'run', flags: RunFlags.parse(flags) };
}

export const HELP = `accessbench — the same endpoint, several data-access strategies, verified identical and measured under load

Usage:
  accessbench run [options]        start databases, seed, verify, load, write results/*.json and report/index.html
  accessbench report [files...]    render report/index.html from result files (default: the newest in results/)
  accessbench list [--json]        scenarios and their strategies
  accessbench compare BASE.json HEAD.json [--threshold 10%] [--format table|md|json|github-action-benchmark|bmf]
                                   [--force] [--out FILE] [--allow-query-growth]   exact costs (queries, rows, bytes per
                                   request, statements issued) base → head; per strategy and load level req/s and p99
                                   deltas with bootstrap 95 % CIs and a verdict; exit 1 when queries per request grew
                                   (unless --allow-query-growth) or on a significant regression beyond the threshold
  accessbench ab --base GIT-REF [run options] [--threshold 10%] [--allow-query-growth] [--markdown FILE]
                                   base (a git worktree) and the working tree measured in ONE run, trials alternating,
                                   same databases and data; writes both result files, compares, exit 1 on regression
  accessbench ci [run options] [--baseline FILE] [--threshold 10%] [--allow-query-growth] [--markdown FILE]
                                   the quick profile for CI; with a baseline result (or ACCESSBENCH_BASELINE) also the
                                   comparison's markdown (to --markdown, else $GITHUB_STEP_SUMMARY, else stdout)
  accessbench calibrate [run options] [--runs 10] [--target NAME] [--effect 15%] [--threshold 10%]
                                   how far the gate can be trusted here: N A/A passes (each strategy against a
                                   second server of itself) and N A/B passes (--target with a known added CPU cost);
                                   prints the false-regression rate, the detection rate and the smallest effect caught
                                   (default: post-detail pg-join, prisma-include, pg-naive)
  accessbench doctor [--json]      which databases are available here and why, which provider auto picks,
                                   which strategies would be skipped
  accessbench clean [--all]        stop servers and remove temp dirs a killed run left behind; --all also removes
                                   results/*.json, report/index.html, the cached PostgreSQL binaries and seeded databases
  accessbench --help

run options:
  --config FILE              read settings from FILE (default: accessbench.config.ts or .json here, if present);
                             flags given on the command line win
  --scenario NAME[,NAME]     scenarios to run (default: all)
  --strategy NAME[,NAME]     strategies to run (default: all of each scenario)
  --profile quick|default|full   quick: tiny data, short trials; default: small data; full: medium data, sweep
  --preset tiny|small|medium|large   dataset size (overrides the profile's)
  --seed N                   dataset and request-sequence seed (default 42)
  --duration 5s              length of each timed trial
  --warmup 2s                warmup per strategy before the trials
  --trials N                 trials per strategy (interleaved rounds); alone it fixes the count, with --max-trials
                             it is the least of an adaptive range
  --max-trials N             rounds go on to this many until the precision target is met (profiles: quick 6–8,
                             default 6–8, full 8–20)
  --precision 3%             rounds continue until each strategy's req/s interval is within ± this
  --placement shared|split   split: the load generator on core 0, servers and databases on the other cores
                             (taskset; default shared, see docs/measurement.md)
  --connections 16[,64]      closed-loop concurrency levels
  --write-ratio 10%          share of writes in the mixed scenario (default 10 %)
  --rate-target 50ms         rate mode: find each strategy's highest paced rate with corrected p99 under this
  --infra auto|local|docker|external   where databases come from (default auto: docker if a container runtime
                             answers within 2 s, else local binaries; external when a URL below is given)
  --postgres-url URL         external PostgreSQL primary (postgres://user:password@host:port/db; an empty database)
  --replica-url URL          external streaming standby of that primary (postgres://…)
  --redis-url URL            external Redis (redis://:password@host:port; flushed by the run)
  --mongo-url URL            external MongoDB or FerretDB (mongodb://…; its accessbench database is dropped)
                             (env: ACCESSBENCH_POSTGRES_URL, ACCESSBENCH_REPLICA_URL, ACCESSBENCH_REDIS_URL,
                             ACCESSBENCH_MONGO_URL)
  --mongo-binary PATH        mongod or ferretdb to start (default: from PATH)
  --no-seed-cache            seed PostgreSQL afresh (local infra starts from a seeded copy kept in
                             /var/tmp/accessbench-seeded or $ACCESSBENCH_SEED_CACHE when preset, seed, schema and
                             server version match) and do not keep the result
  --out DIR                  where result files go (default results/)
  --report FILE              where the HTML report goes (default report/index.html)
  --json                     print the result JSON on stdout instead of the summary table

Exit codes: 0 ok, 1 regression or failed threshold, 2 bad input, 3 run failed, 130 interrupted.`;
