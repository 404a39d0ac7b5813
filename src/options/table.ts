// Every option of a run, one row each, in the order --help lists them: its flag, its config-file key, the kind of
// value it takes (with the range or choices), its default or its default per profile, and its help. `run`, `ab`,
// `ci` and `calibrate` parse the command line with it, --help prints it, the config file is validated against the
// schema derived from it, and a profile is its per-profile defaults (src/runner/profiles.ts). The name of a row is
// the value's name in the code; a flag or config key spelled otherwise is mapped here and nowhere else.
import { z } from 'zod';
import { DEFAULT_SEED, PRESET_NAMES } from '../../datasets/presets.ts';
import { SETTINGS, type Settings } from '../core/context.ts';
import { WRITE_TARGETS, type Need } from '../core/scenario.ts';
import { parseBackendUrl } from '../infra/external.ts';
import type { Placement } from '../infra/placement.ts';
import { INFRA_CHOICES } from '../infra/select.ts';
import { option, parseOptions, PROFILE_NAMES, type OptionValues, type ProfileValues } from './define.ts';
import {
  choice,
  configOnly,
  flag,
  names,
  parsed,
  parseSeconds,
  precision,
  ratio,
  seconds,
  secondsOrOff,
  text,
  whole,
  wholeList,
} from './kinds.ts';

/** Rate mode: a stepped search per strategy, after the trials, for the highest rate with p99 under the target. */
export interface RateMode {
  targetP99Ms: number;
  stepSec: number;
  startRps: number;
  maxRps: number;
}

const url = (need: Need) => parsed('URL', (raw, label) => parseBackendUrl(need, raw, label));

const rateTarget = parsed('50ms', (raw, label): RateMode => ({
  targetP99Ms: parseSeconds(raw, label) * 1000,
  stepSec: 3,
  startRps: 100,
  maxRps: 50_000,
}));

/** Container images for --infra docker, e.g. the local stand-ins (ACCESSBENCH_*_IMAGE wins over them). */
const images = configOnly(
  z
    .strictObject({
      postgres: z.string().min(1),
      redis: z.string().min(1),
      mongo: z.string().min(1),
      pgbouncer: z.string().min(1),
      memcached: z.string().min(1),
    })
    .partial(),
);

const setting = (s: { min: number; max?: number }) => {
  const n = z.number().int().min(s.min);
  return (s.max === undefined ? n : n.max(s.max)).optional();
};

/** The strategy servers' settings (src/core/context.ts), recorded in each result's parity manifest. */
const settings = configOnly(
  z.strictObject({
    ...Object.fromEntries(Object.entries(SETTINGS).map(([key, s]) => [key, setting(s)])),
    /** Calibration: a known extra cost per request for the named strategies. */
    calibration: z
      .record(
        z.string(),
        z.strictObject({ cpuMicros: z.number().min(0).max(1_000_000).optional(), waitMs: z.number().min(0).max(10_000).optional() }),
      )
      .optional(),
  }) as unknown as z.ZodType<Partial<Settings>>,
);

export const RUN_OPTIONS = {
  config: option({
    flag: 'config',
    kind: text('FILE'),
    help: 'read settings from FILE (default: accessbench.config.ts or .json here, if present);\nflags given on the command line win',
  }),
  scenarios: option({
    flag: 'scenario',
    config: 'scenarios',
    kind: names(),
    default: [],
    help: 'scenarios to run (default: all)',
  }),
  strategies: option({
    flag: 'strategy',
    config: 'strategies',
    kind: names(),
    default: [],
    help: 'strategies to run (default: all of each scenario)',
  }),
  profile: option({
    flag: 'profile',
    config: 'profile',
    kind: choice(PROFILE_NAMES),
    default: 'default',
    help: 'quick: tiny data, short trials; default: small data; full: medium data, sweep',
  }),
  preset: option({
    flag: 'preset',
    config: 'preset',
    kind: choice(PRESET_NAMES),
    profiles: { quick: 'tiny', default: 'small', full: 'medium' },
    help: "dataset size (overrides the profile's)",
  }),
  seed: option({
    flag: 'seed',
    config: 'seed',
    kind: whole(0, 2 ** 31 - 1),
    default: DEFAULT_SEED,
    help: `dataset and request-sequence seed (default ${DEFAULT_SEED})`,
  }),
  trialSec: option({
    flag: 'duration',
    config: 'duration',
    kind: seconds('5s'),
    profiles: { quick: 0.15, default: 0.3, full: 5 },
    help: 'length of each timed trial',
  }),
  warmupSec: option({
    flag: 'warmup',
    config: 'warmup',
    kind: seconds('2s'),
    profiles: { quick: 0.15, default: 1, full: 5 },
    help: "least warmup per strategy; it goes on while the server's CPU per request still falls\n(up to 2 s on the default profile)",
  }),
  trials: option({
    flag: 'trials',
    config: 'trials',
    kind: whole(1, 100),
    profiles: { quick: 3, default: 8, full: 8 },
    help: 'trials per strategy (interleaved rounds); alone it fixes the count, with --max-trials\nit is the least of an adaptive range',
  }),
  maxTrials: option({
    flag: 'max-trials',
    kind: whole(1, 100),
    profiles: { quick: 3, default: 10, full: 20 },
    help: 'rounds go on to this many until the precision target is met (profiles: quick 3,\ndefault 8–10, full 8–20)',
  }),
  precision: option({
    flag: 'precision',
    kind: precision('3%'),
    profiles: { quick: 0.05, default: 0.03, full: 0.02 },
    help: "rounds continue until each strategy's req/s interval is within ± this",
  }),
  placement: option({
    flag: 'placement',
    kind: choice<Placement>(['shared', 'split']),
    profiles: { quick: 'shared', default: 'shared', full: 'shared' },
    help: 'split: the load generator on core 0, servers and databases on the other cores\n(taskset; default shared, see docs/measurement.md)',
  }),
  steadinessSec: option({
    flag: 'steadiness',
    config: 'steadiness',
    kind: secondsOrOff('2s', 30),
    profiles: { quick: 0.75, default: 2, full: 5 },
    help:
      "how long the processors' steadiness is measured before the first scenario: fixed work\n" +
      "on every core, in windows of a trial's length (at least five trials' length, up to 30 s),\n" +
      'then two windows before each later scenario and after the last, pooled (0: not measured;\n' +
      'profiles: quick 0.75 s, default 2 s, full 5 s)',
  }),
  connections: option({
    flag: 'connections',
    config: 'connections',
    kind: wholeList(1, 1024, '16[,64]'),
    profiles: { quick: [8], default: [16], full: [1, 8, 32, 128] },
    help: 'closed-loop concurrency levels',
  }),
  writeRatio: option({
    flag: 'write-ratio',
    config: 'writeRatio',
    kind: ratio('10%'),
    // No profile sets it: the mixed scenario's own ratio applies.
    profiles: {},
    help: 'share of writes in the mixed scenario (default 10 %)',
  }),
  writeRate: option({
    flag: 'write-rate',
    config: 'writeRate',
    kind: whole(0, 100_000),
    // No profile sets it: each mixed scenario's own mix applies.
    profiles: {},
    help:
      'writes per second beside the closed-loop reads, the same count in every trial of every\n' +
      "strategy, in each mixed scenario (0: writes are --write-ratio's share of the loop)",
  }),
  writeTarget: option({
    flag: 'write-target',
    config: 'writeTarget',
    kind: choice(WRITE_TARGETS),
    profiles: {},
    help: "uniform: writes spread over all items; hot: writes follow the reads (the same skew\nover the same ids), in each mixed scenario (default: the scenario's own)",
  }),
  rate: option({
    flag: 'rate-target',
    kind: rateTarget,
    profiles: { full: { targetP99Ms: 50, stepSec: 5, startRps: 100, maxRps: 50_000 } },
    help: "rate mode: find each strategy's highest paced rate with corrected p99 under this",
  }),
  infra: option({
    flag: 'infra',
    config: 'infra',
    kind: choice(INFRA_CHOICES),
    default: 'auto',
    help:
      'where databases come from (default auto: docker if a container runtime\n' +
      'answers within 2 s, else local binaries; external when a URL below is given)',
  }),
  postgresUrl: option({
    flag: 'postgres-url',
    kind: url('postgres'),
    help: 'external PostgreSQL primary (postgres://user:password@host:port/db; an empty database)',
  }),
  replicaUrl: option({ flag: 'replica-url', kind: url('replica'), help: 'external streaming standby of that primary (postgres://…)' }),
  redisUrl: option({ flag: 'redis-url', kind: url('redis'), help: 'external Redis (redis://:password@host:port; flushed by the run)' }),
  mongoUrl: option({
    flag: 'mongo-url',
    kind: url('mongo'),
    help:
      'external MongoDB or FerretDB (mongodb://…; its accessbench database is dropped)\n' +
      '(env: ACCESSBENCH_POSTGRES_URL, ACCESSBENCH_REPLICA_URL, ACCESSBENCH_REDIS_URL,\nACCESSBENCH_MONGO_URL)',
  }),
  pgbouncerUrl: option({
    flag: 'pgbouncer-url',
    kind: url('pgbouncer'),
    help: 'external PgBouncer in front of that primary, transaction mode (postgres://…)\n(env: ACCESSBENCH_PGBOUNCER_URL)',
  }),
  memcachedUrl: option({
    flag: 'memcached-url',
    kind: url('memcached'),
    help: 'external Memcached (memcached://[user:password@]host:port; flushed by the run)\n(env: ACCESSBENCH_MEMCACHED_URL)',
  }),
  mongoBinary: option({ flag: 'mongo-binary', kind: text('PATH'), help: 'mongod or ferretdb to start (default: from PATH)' }),
  noSeedCache: option({
    flag: 'no-seed-cache',
    kind: flag(),
    help:
      'seed PostgreSQL afresh (local infra starts from a seeded copy kept in\n' +
      '/var/tmp/accessbench-seeded or $ACCESSBENCH_SEED_CACHE when preset, seed, schema and\n' +
      'server version match) and do not keep the result',
  }),
  out: option({ flag: 'out', config: 'out', kind: text('DIR'), default: 'results', help: 'where result files go (default results/)' }),
  report: option({
    flag: 'report',
    config: 'report',
    kind: text('FILE'),
    default: 'report/index.html',
    help: 'where the HTML report goes (default report/index.html)',
  }),
  json: option({ flag: 'json', kind: flag(), default: false, help: 'print the result JSON on stdout instead of the summary table' }),
  images: option({ config: 'images', kind: images }),
  settings: option({ config: 'settings', kind: settings, default: {} }),
};

/** A run's options as parsed, with what was typed on the command line (it wins over the config file). */
export type RunFlags = OptionValues<typeof RUN_OPTIONS> & { explicit: string[] };

/** The run options a profile holds (the rest of a profile is in src/runner/profiles.ts). */
export type ProfileOptions = ProfileValues<typeof RUN_OPTIONS>;

/** --postgres-url and friends, checked for shape and scheme; whether they answer is the provider's business. */
export type BackendUrls = Pick<RunFlags, 'postgresUrl' | 'replicaUrl' | 'redisUrl' | 'mongoUrl' | 'pgbouncerUrl' | 'memcachedUrl'>;

/** argv → a run's options, or null for --help. */
export function parseRunFlags(args: string[]): RunFlags | null {
  const p = parseOptions(RUN_OPTIONS, args);
  return p === 'help' ? null : { ...p.values, explicit: p.explicit };
}
