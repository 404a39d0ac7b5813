// The infra contract: a provider starts what the selected strategies need and says what it could not start, and why.
import type { DatasetCounts } from './dataset.ts';
import type { Need } from './scenario.ts';

export interface BackendEndpoint {
  url: string;
  /** Kind and version of the server, e.g. "PostgreSQL 17.10" or "FerretDB 1.24.2 (SQLite)". */
  server: string;
  /** The server's process id when this provider started it (fault tests kill it). */
  pid?: number;
}

export type Endpoints = Partial<Record<Need, BackendEndpoint>>;

/** The container image a backend ran from (docker provider), so a result never passes a stand-in off as the official image. */
export interface ImageRecord {
  name: string;
  /** Registry repo digest when the image has one, else the local image id (both sha256:…). */
  digest: string;
  /** Set on a local stand-in (docker/*.Dockerfile): the official image it replaces, e.g. "postgres". */
  standInFor?: string;
}

export interface BackendStatus {
  need: Need;
  status: 'up' | 'unavailable';
  server: string | null;
  reason: string | null;
  image?: ImageRecord;
}

export interface StartedInfra {
  provider: string;
  /** Why this provider was chosen (auto-selection explains itself). */
  reason: string;
  endpoints: Endpoints;
  backends: BackendStatus[];
  /**
   * CPU time (user + system, µs) used so far by the server(s) of one backend: the whole process tree of a server this
   * provider started (local), or its container's cgroup (docker). null where it cannot be measured (external servers,
   * a backend that is not up). Sampled before and after a trial, the difference is that backend's CPU for the trial.
   */
  cpuMicros?: (need: Need) => Promise<number | null>;
  /** Set when the provider seeded PostgreSQL itself while starting (see StartOptions.postgresSeed). */
  postgresSeeded?: PostgresSeeded;
  stop: () => Promise<void>;
}

/**
 * Seeding PostgreSQL as part of starting it, so that a provider that can keep a seeded database (local) does so.
 * Providers that cannot ignore it; the runner then seeds as usual.
 */
export interface PostgresSeedPlan {
  preset: string;
  seed: number;
  /** The seeded-database cache's directory; null: neither read nor fill it (a fresh seed). */
  cacheDir: string | null;
  /** The cache key for this plan on the given server version (src/seed/key.ts). */
  key: (postgresVersion: string) => string;
  /** Seeds the empty database at url. */
  run: (url: string) => Promise<{ rows: number; seconds: number }>;
  /** The dataset's facts (counts, idle user), stored with a cache entry so that a hit need not generate the rows. */
  facts: () => DatasetFacts;
  log: (line: string) => void;
}

export interface PostgresSeeded {
  /** True when the database came from the cache (no seed ran). */
  cached: boolean;
  /** Wall time from starting to seed (or to restore from the cache) until the primary was up and seeded. */
  seconds: number;
  rows: number;
  /** The dataset's facts as stored with the cache entry (a hit), else undefined. */
  facts?: DatasetFacts;
}

export interface DatasetFacts {
  counts: DatasetCounts;
  idleUser: number | null;
}

export interface StartOptions {
  postgresSeed?: PostgresSeedPlan;
}

export interface InfraProvider {
  name: string;
  start: (needs: readonly Need[], opts?: StartOptions) => Promise<StartedInfra>;
}
