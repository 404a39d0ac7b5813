// One timed trial as a result file records it: latency percentiles, the strategy server's counters, and what the
// load, the probes and the database did during it. Part of the versioned result (src/results/schema.ts re-exports it).
import { z } from 'zod';

export const Percentiles = z.object({
  p50: z.number(),
  p90: z.number(),
  p99: z.number(),
  p999: z.number(),
  max: z.number(),
  mean: z.number(),
});
export type Percentiles = z.infer<typeof Percentiles>;

/** Server-side figures read from the strategy's server process over one trial. */
export const ServerMetrics = z.object({
  /** Database queries (Mongo: commands) issued per request. */
  queriesPerRequest: z.number(),
  /** Rows returned by the database per request (pg: result rows; Mongo: documents). */
  rowsPerRequest: z.number(),
  /** Response body bytes per request. */
  bytesPerResponse: z.number(),
  /** Server CPU (user + system) per request, µs. */
  cpuMicrosPerRequest: z.number(),
  /** Server CPU utilisation over the trial, in cores (1.0 = one core busy). */
  cpuCores: z.number(),
  rssBytes: z.number(),
  eventLoopP99Ms: z.number(),
  /** Cache hits / cache lookups, for cached strategies. */
  cacheHitRatio: z.number().nullable(),
  /** Rows inserted/updated/deleted per request (writes; what a denormalized form costs). */
  rowsWrittenPerRequest: z.number().default(0),
  /** Time waiting for the database per request, µs (summed over its queries, from driver call to result). */
  dbMicrosPerRequest: z.number().default(0),
  /** Garbage-collection pause per request, µs. */
  gcMicrosPerRequest: z.number().default(0),
  /** Time a request waited to borrow a pooled PostgreSQL connection, µs (summed over its borrows). */
  poolWaitMicrosPerRequest: z.number().optional(),
  /** Borrows per request that found the pool full (no idle connection, max reached) and queued. */
  poolWaitsPerRequest: z.number().optional(),
  /** Connections opened per request (a pool: ~0 once warm; a connection per request: 1), and their setup time, µs. */
  connectsPerRequest: z.number().optional(),
  connectMicrosPerRequest: z.number().optional(),
  /**
   * CPU per request of the database servers (primary, replica, MongoDB: their process trees or containers) and of
   * the cache server (Redis or Memcached, the one the strategy uses), µs, over the trial; null where the provider cannot see them (external servers).
   */
  dbCpuMicrosPerRequest: z.number().nullable().optional(),
  cacheCpuMicrosPerRequest: z.number().nullable().optional(),
  /** CPU per request of the load generator (the harness process), µs. */
  loadCpuMicrosPerRequest: z.number().nullable().optional(),
  /** Cache round trips per request, and the mean wait for one (µs, timed in the strategy server); cache users only. */
  cacheRoundTripsPerRequest: z.number().nullable().optional(),
  cacheMicrosPerRoundTrip: z.number().nullable().optional(),
  /** Scheduled refreshes in the trial (pg-matview): count, summed wall µs, WAL bytes meanwhile, backend CPU µs. */
  refresh: z.object({ count: z.number().int(), micros: z.number(), walBytes: z.number(), dbCpuMicros: z.number().nullish() }).nullish(),
});
export type ServerMetrics = z.infer<typeof ServerMetrics>;

export const Trial = z.object({
  index: z.number().int(),
  /** Which server process of its strategy ran the trial (from 1), where several did (`ab`, `calibrate`: --processes). */
  process: z.number().int().min(1).optional(),
  durationSec: z.number(),
  requests: z.number().int(),
  rps: z.number(),
  latencyUs: Percentiles,
  errors: z.number().int(),
  non2xx: z.number().int(),
  timeouts: z.number().int(),
  /** The trial's HDR histogram (µs), base64-encoded, so trials and runs can be merged later. */
  histogram: z.string(),
  server: ServerMetrics.nullable(),
  /** Reads and writes measured apart, for a mixed read/write load. */
  mixed: z
    .object({
      reads: z.number().int(),
      writes: z.number().int(),
      readLatencyUs: Percentiles,
      writeLatencyUs: Percentiles,
      /** Rows written per write request (server side). */
      rowsWrittenPerWrite: z.number(),
      /** Reads re-checked against the primary off the hot path, and how many of them missed a committed write. */
      staleChecks: z.number().int(),
      staleReads: z.number().int(),
      /** WAL the primary wrote during the trial (pg_current_wal_lsn after − before), bytes; null without PostgreSQL. */
      walBytes: z.number().nullable().optional(),
      /** For each stale read, how long before it the write it missed had been sent, ms (absent in older files). */
      staleAgesMs: z.array(z.number()).optional(),
    })
    .nullable()
    .default(null),
  /**
   * The primary's connection count during the trial, sampled from pg_stat_activity (scenarios that ask for it): the
   * strategy's own connections (directly or through PgBouncer), all of them and those running a query.
   */
  connections: z.object({ samples: z.number().int(), mean: z.number(), max: z.number(), activeMax: z.number() }).nullish(),
  /** Replica lag sampled during the trial (strategies that read from the replica). */
  replicaLag: z
    .object({ samples: z.number().int(), bytesP50: z.number(), bytesP99: z.number(), msP50: z.number(), msP99: z.number() })
    .nullable()
    .default(null),
  /**
   * What the machine did besides the run during the trial (from /proc): cores used by other processes, cores used by
   * the run, and the share stolen by the hypervisor. A trial above the limits was repeated; `repeats` says how often.
   */
  host: z.object({ externalCores: z.number(), ownCores: z.number(), stealShare: z.number(), repeats: z.number().int() }).nullish(),
});
export type Trial = z.infer<typeof Trial>;
