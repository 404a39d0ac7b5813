// What a strategy receives: lazily created clients for the backends it needs, configured once per server process
// with the same settings for every strategy (the parity manifest records them).
import type pg from 'pg';
import type { Redis } from 'ioredis';
import type { Connection } from 'mongoose';
import type { LRUCache } from 'lru-cache';
import type { PrismaClient } from '../../datasets/prisma/generated/client.ts';

export interface Settings {
  /** Connections per pool in each strategy server. */
  poolSize: number;
  statementTimeoutMs: number;
  /** TTL of cache entries, seconds (cached strategies). */
  cacheTtlSeconds: number;
  /** Entries of the in-process LRU. */
  memoryCacheEntries: number;
  /** Calibration only: a known extra cost per request for the named strategies (see src/calibrate/added-cost.ts). */
  calibration?: Record<string, AddedCost>;
}

/** An extra cost paid before each request: CPU work in the strategy server, or a wait. */
export interface AddedCost {
  cpuMicros?: number;
  waitMs?: number;
}

export const DEFAULT_SETTINGS: Settings = {
  poolSize: 10,
  statementTimeoutMs: 10_000,
  cacheTtlSeconds: 60,
  memoryCacheEntries: 10_000,
};

export interface CacheStats {
  hit: () => void;
  miss: () => void;
}

export interface Ctx {
  readonly settings: Settings;
  /** Pool on the primary. */
  readonly pg: pg.Pool;
  /** Pool on the streaming replica. */
  readonly replica: pg.Pool;
  readonly prisma: PrismaClient;
  readonly redis: Redis;
  readonly mongo: Connection;
  readonly memory: LRUCache<string, string>;
  /** Cached strategies report hits and misses here; the server turns them into a hit ratio. */
  readonly cache: CacheStats;
}

/** A payload already serialized (e.g. JSON built by PostgreSQL): the server sends it as is. */
export class RawJson {
  constructor(readonly text: string) {}
}
