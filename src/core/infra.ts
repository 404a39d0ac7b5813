// The infra contract: a provider starts what the selected strategies need and says what it could not start, and why.
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
  stop: () => Promise<void>;
}

export interface InfraProvider {
  name: string;
  start: (needs: readonly Need[]) => Promise<StartedInfra>;
}
