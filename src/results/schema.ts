// The versioned result file: the single source of truth for what a run measured. Types are inferred from it.
// Bump SCHEMA_VERSION on any incompatible change; readers refuse other versions with a clear message.
import { z } from 'zod';
import { FANOUT_AXES } from '../core/scenario.ts';
import { VariantRecord } from './variants-schema.ts';
import { Percentiles, ServerMetrics, Trial } from './trial-schema.ts';

export { Percentiles, ServerMetrics, Trial };

export const SCHEMA_VERSION = 1;

/** A median (or ratio) with its interval; `confidence` is the interval's real coverage (absent in older files). */
export const Interval = z.object({ estimate: z.number(), low: z.number(), high: z.number(), confidence: z.number().optional() });
export type Interval = z.infer<typeof Interval>;

export const LoadLevel = z.object({
  /** Closed-loop concurrency (connections). */
  connections: z.number().int(),
  trials: z.array(Trial),
  summary: z.object({
    rps: Interval,
    p50Us: Interval,
    p99Us: Interval,
    /** Coefficient of variation of req/s across trials. */
    rpsCv: z.number(),
    /** The req/s interval is wider than the run's precision target (older files: CV above 10 %). */
    noisy: z.boolean(),
    /** Percentiles of all trials merged. */
    latencyUs: Percentiles,
    errors: z.number().int(),
    non2xx: z.number().int(),
  }),
  /** Trials set aside because the machine was busy with other work during them (repeated, not averaged in). */
  disturbed: z.array(Trial).optional(),
  /** How long the server was warmed before the trials, and its app CPU per request over the warmup's chunks. */
  warmup: z.object({ sec: z.number(), steady: z.boolean(), cpuMicrosPerRequest: z.array(z.number()) }).optional(),
});
export type LoadLevel = z.infer<typeof LoadLevel>;

export const VerifyProblem = z.object({
  severity: z.enum(['fail', 'warn']),
  params: z.string(),
  message: z.string(),
});
export type VerifyProblem = z.infer<typeof VerifyProblem>;

export const Captured = z.object({
  /** Params of the sample request. */
  params: z.string(),
  /** SQL statements or Mongo commands, in order, as issued for one request. */
  statements: z.array(z.string()),
});

/**
 * Exact costs from verification (a fixed sample read one request at a time): the same on every run for a fixed seed,
 * so compared without statistics. Absent from results written before it existed.
 */
export const Cost = z.object({
  /** Sample requests measured (each read once cold, once again warm). */
  samples: z.number().int(),
  /** SQL statements (Mongo: commands) per request, first read of each sample. */
  queriesPerRequest: z.number(),
  /** The same on the repeated read (a cache hit may issue none). */
  queriesPerRepeat: z.number(),
  rowsPerRequest: z.number(),
  bytesPerResponse: z.number(),
  /** Verified writes, for scenarios with writes. */
  writes: z.object({ samples: z.number().int(), queriesPerWrite: z.number(), rowsWrittenPerWrite: z.number() }).nullable(),
  /** Distinct statements of the first reads, literals replaced; `count` = times issued over all samples. */
  statements: z.array(z.object({ id: z.string(), text: z.string(), count: z.number().int() })),
  /** Cache round trips (Redis commands, Memcached requests) per first read, repeated read and write; cached strategies only. */
  cacheRoundTripsPerRequest: z.number().optional(),
  cacheRoundTripsPerRepeat: z.number().optional(),
  cacheRoundTripsPerWrite: z.number().optional(),
});
export type Cost = z.infer<typeof Cost>;

const StrategyBase = z.object({
  scenario: z.string(),
  strategy: z.string(),
  technique: z.string(),
  client: z.string(),
  needs: z.array(z.string()),
  parity: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  /** The strategy's source file, relative to the repository root, and its text. */
  source: z.object({ path: z.string(), text: z.string() }),
  /** The database variant it ran on (`strategy` is then `name@variant`): scenario.dbVariants names it. */
  variant: z.string().optional(),
});

export const StrategyResult = z.discriminatedUnion('status', [
  StrategyBase.extend({
    status: z.literal('completed'),
    verify: z.object({
      samples: z.number().int(),
      problems: z.array(VerifyProblem),
      /** The wait for one cache round trip on verification's repeated reads (hits), one at a time, µs (median). */
      cacheRoundTripUs: z.number().nullable().optional(),
    }),
    captured: Captured.nullable(),
    cost: Cost.optional(),
    levels: z.array(LoadLevel),
    /** Set when the run saw failures during load (e.g. a backend died): the figures are not comparable. */
    degraded: z.string().nullable(),
    /** Latency of the first requests after start (cold pools, empty caches), apart from the steady state. */
    cold: z.object({ requests: z.number().int(), latencyUs: Percentiles }).nullable().default(null),
    /** Rate mode: the highest paced request rate sustained with coordinated-omission-corrected p99 under a target. */
    rate: z
      .object({
        targetP99Ms: z.number(),
        sustainedRps: z.number(),
        stoppedBy: z.string(),
        steps: z.array(
          z.object({
            requested: z.number(),
            achieved: z.number(),
            connections: z.number().int(),
            p99Us: z.number(),
            p99CorrectedUs: z.number(),
            ok: z.boolean(),
            reason: z.string(),
          }),
        ),
      })
      .nullable()
      .default(null),
  }),
  StrategyBase.extend({
    status: z.literal('failed'),
    reason: z.string(),
    verify: z.object({ samples: z.number().int(), problems: z.array(VerifyProblem) }).nullable(),
    captured: Captured.nullable(),
    cost: Cost.optional(),
  }),
  StrategyBase.extend({
    status: z.literal('skipped'),
    reason: z.string(),
    /** Verified but not timed (too slow for the profile's rounds): what verification found and its exact costs. */
    verify: z.object({ samples: z.number().int(), problems: z.array(VerifyProblem) }).nullish(),
    captured: Captured.nullish(),
    cost: Cost.optional(),
  }),
]);
export type StrategyResult = z.infer<typeof StrategyResult>;

export const Backend = z.object({
  need: z.string(),
  status: z.enum(['up', 'unavailable']),
  /** Kind and version of the server measured, e.g. "PostgreSQL 17.10" or "FerretDB 1.24.2 (SQLite)". */
  server: z.string().nullable(),
  reason: z.string().nullable(),
  /** The container image that ran (docker provider): name, digest, and the official image a local stand-in replaces. */
  image: z.object({ name: z.string(), digest: z.string(), standInFor: z.string().optional() }).optional(),
});

/** How steady the processors were: the same fixed work on every core at once, compared over windows. */
export const CpuSteadiness = z.object({
  /** Seconds of fixed work on each core. */
  sec: z.number(),
  /** Length of the windows compared: the profile's trial length. */
  windowSec: z.number(),
  cores: z.number().int(),
  /** Whether each copy ran pinned to its own core (taskset). */
  pinned: z.boolean(),
  /** Windows compared, over all cores. */
  windows: z.number().int(),
  /** Coefficient of variation of the work done per CPU second, over all windows of all cores. */
  cv: z.number(),
  /** The slowest and fastest window's speed, relative to the median window. */
  slowest: z.number(),
  fastest: z.number(),
  /** Share of windows slower than 0.9 of full speed (their 90th percentile): the processor's slow spells. */
  slowShare: z.number().optional(),
  /** Separate moments the windows were taken at, pooled (a run probes before each scenario); absent: one. */
  moments: z.number().int().optional(),
});
export type CpuSteadiness = z.infer<typeof CpuSteadiness>;

export const Result = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  runId: z.string(),
  startedAt: z.string(),
  finishedAt: z.string(),
  partial: z.boolean(),
  /** Why a partial run stopped early (a server every strategy needs died), when it did. */
  stoppedBy: z.string().optional(),
  git: z.object({
    sha: z.string(),
    branch: z.string(),
    dirty: z.boolean(),
    commitTime: z.string().nullable(),
    subject: z.string().nullable(),
  }),
  machine: z.object({
    cpuModel: z.string(),
    cores: z.number().int(),
    memoryBytes: z.number(),
    os: z.string(),
    hostname: z.string(),
    /** Fixed work on every core at once at the run's start (src/runner/cpu-steadiness.ts); older files lack it. */
    cpuSteadiness: CpuSteadiness.optional(),
  }),
  versions: z.record(z.string(), z.string()),
  infra: z.object({ provider: z.string(), reason: z.string(), backends: z.array(Backend) }),
  dataset: z.object({
    preset: z.string(),
    seed: z.number().int(),
    counts: z.record(z.string(), z.number()),
    seedSeconds: z.number(),
    /** PostgreSQL's data came from the seeded-database cache (seedSeconds is then the restore). Absent in older files. */
    cached: z.boolean().optional(),
  }),
  profile: z.object({
    name: z.string(),
    warmupSec: z.number(),
    trialSec: z.number(),
    /** Least trials per contender; rounds continue to maxTrials until the precision target is met. */
    trials: z.number().int(),
    maxTrials: z.number().int().optional(),
    /** Wanted half-width of the req/s interval, relative (0.03 = ±3 %). */
    precision: z.number().optional(),
    /** CPU placement: shared cores, or the load generator apart from the servers. */
    placement: z.string().optional(),
    connections: z.array(z.number().int()),
    verifySamples: z.number().int(),
  }),
  scenarios: z.array(
    z.object({
      name: z.string(),
      summary: z.string(),
      route: z.string(),
      reference: z.string(),
      /** Fraction of requests that are writes (0 for a read-only scenario). */
      writeRatio: z.number().default(0),
      /** Paced writes/s beside the reads (writeRatio then 0); where writes went (older files: neither, uniform). */
      writeRate: z.number().optional(),
      writeTarget: z.enum(['uniform', 'hot']).optional(),
      /** The load's concurrency when the scenario fixes its own (e.g. pooling), instead of the profile's levels. */
      connections: z.number().int().optional(),
      strategies: z.array(StrategyResult),
      /** The database variants its strategies ran on, in the scenario's order (src/core/variants.ts). */
      dbVariants: z.array(VariantRecord).optional(),
    }),
  ),
  /** The no-op endpoint through the same server stack: the most the harness itself can drive. */
  ceiling: z.array(z.object({ scenario: z.string(), connections: z.number().int(), rps: Interval, latencyUs: Percentiles })).default([]),
  /**
   * The database's own ceiling: the scenario's reference statement driven directly (pgbench or a pg driver loop, no
   * HTTP) at a load level's concurrency, replaying the HTTP load's parameters. Strategies' req/s ÷ tps is their share.
   */
  dbCeiling: z
    .array(
      z.object({
        scenario: z.string(),
        connections: z.number().int(),
        /** Whose statement was driven, e.g. "pg-join's statement". */
        statement: z.string(),
        /** What drove it, e.g. "pgbench 15.18, -M prepared, -j 2" or "pg driver loop (node-postgres 8.x), prepared statements". */
        tool: z.string(),
        /** Statements per second (pgbench: one-statement transactions, without the initial connection time). */
        tps: z.number(),
        /** Each run's statements/s when the ceiling was measured several times (interleaved with trials); tps is their median. */
        trials: z.array(z.number()).default([]),
        statements: z.number().int(),
        /** µs per statement as the tool measured it; pgbench gives only the mean. */
        latencyUs: z.object({ mean: z.number(), p50: z.number().nullable(), p99: z.number().nullable() }),
        durationSec: z.number(),
        /** Parameter tuples replayed cyclically (the HTTP load's draws), and how many of them differ. */
        draws: z.number().int(),
        distinct: z.number().int(),
        /** The database server measured, e.g. "PostgreSQL 17.10". */
        server: z.string(),
      }),
    )
    .default([]),
  /**
   * Latency against fan-out per strategy: the N+1 curve (`comments` per post), or with `axis: 'page'` the latency
   * against page depth, `comments` then holding the page number.
   */
  fanout: z
    .array(
      z.object({
        scenario: z.string(),
        strategy: z.string(),
        comments: z.number().int(),
        axis: z.enum(FANOUT_AXES).optional(),
        rps: z.number(),
        p50Us: z.number(),
        p99Us: z.number(),
        queriesPerRequest: z.number(),
      }),
    )
    .default([]),
  /** tinybench micro-benchmarks of in-process costs. */
  micro: z
    .array(
      z.object({
        group: z.string(),
        name: z.string(),
        opsPerSec: z.number(),
        meanNs: z.number(),
        p99Ns: z.number(),
        rme: z.number(),
        samples: z.number().int(),
      }),
    )
    .default([]),
});
export type Result = z.infer<typeof Result>;
