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

export interface BackendStatus {
  need: Need;
  status: 'up' | 'unavailable';
  server: string | null;
  reason: string | null;
}

export interface StartedInfra {
  provider: string;
  /** Why this provider was chosen (auto-selection explains itself). */
  reason: string;
  endpoints: Endpoints;
  backends: BackendStatus[];
  stop: () => Promise<void>;
}

export interface InfraProvider {
  name: string;
  start: (needs: readonly Need[]) => Promise<StartedInfra>;
}
