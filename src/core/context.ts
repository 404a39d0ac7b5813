// What a strategy receives: lazily created clients for the backends it needs, configured once per server process
// with the same settings for every strategy (the parity manifest records them).
import type pg from 'pg';
import type { Redis } from 'ioredis';
import type { Client as Memjs } from 'memjs';
import type { Connection } from 'mongoose';
import type { LRUCache } from 'lru-cache';
import type { PrismaClient } from '../../datasets/prisma/generated/client.ts';

/**
 * The settings every strategy server gets, one row each: the range the config file's `settings` accepts (its schema is
 * derived from these rows), the default, and what it sets. Plain data, without zod: every strategy server loads it.
 */
export const SETTINGS = {
  poolSize: { min: 1, max: 200, default: 10, help: 'Connections per pool in each strategy server.' },
  statementTimeoutMs: { min: 1, default: 10_000, help: 'statement_timeout of every PostgreSQL connection, ms.' },
  cacheTtlSeconds: { min: 1, default: 60, help: 'TTL of cache entries, seconds (cached strategies).' },
  memoryCacheEntries: { min: 1, default: 10_000, help: 'Entries of the in-process LRU.' },
} as const satisfies Record<string, { min: number; max?: number; default: number; help: string }>;

export type Settings = { -readonly [K in keyof typeof SETTINGS]: number } & {
  /** Calibration only: a known extra cost per request for the named strategies (see src/calibrate/added-cost.ts). */
  calibration?: Record<string, AddedCost>;
};

/** An extra cost paid before each request: CPU work in the strategy server, or a wait. */
export interface AddedCost {
  cpuMicros?: number;
  waitMs?: number;
}

export const DEFAULT_SETTINGS = Object.fromEntries(Object.entries(SETTINGS).map(([key, s]) => [key, s.default])) as unknown as Settings;

export interface CacheStats {
  hit: () => void;
  miss: () => void;
}

/** Work a strategy does off the request path (a scheduled refresh of a materialized view), counted by the server. */
export interface BackgroundStats {
  /**
   * One refresh done: its wall time (µs), the WAL the server wrote meanwhile (bytes) and the CPU of the database
   * backend that ran it (µs; null where that process cannot be seen, e.g. in a container or on another host).
   */
  refreshed: (micros: number, walBytes: number, dbCpuMicros: number | null) => void;
}

export interface Ctx {
  readonly settings: Settings;
  /** Pool on the primary. */
  readonly pg: pg.Pool;
  /** Pool on the streaming replica. */
  readonly replica: pg.Pool;
  /** Pool through PgBouncer (transaction mode) to the primary. */
  readonly pgbouncer: pg.Pool;
  /**
   * The connection string of a backend the strategy declared, for code that opens its own connections (a connection
   * per request) instead of borrowing one from a pool.
   */
  readonly url: (need: 'postgres' | 'pgbouncer') => string;
  readonly prisma: PrismaClient;
  readonly redis: Redis;
  /** A memjs client (binary protocol) on the Memcached server. */
  readonly memcached: Memjs;
  readonly mongo: Connection;
  readonly memory: LRUCache<string, string>;
  /** Cached strategies report hits and misses here; the server turns them into a hit ratio. */
  readonly cache: CacheStats;
  /** Strategies with scheduled background work (pg-matview's refresh) report each run of it here. */
  readonly background: BackgroundStats;
}

/** A payload already serialized (e.g. JSON built by PostgreSQL): the server sends it as is. */
export class RawJson {
  constructor(readonly text: string) {}
}
