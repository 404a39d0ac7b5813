// The PostgreSQL server settings every provider starts its servers with: the local binaries
// (src/infra/local/postgres.ts), the containers (src/infra/docker/definitions.ts) and, checked by a test against the
// latter, docker-compose.yml. One table, so two providers cannot drift apart and stop being comparable.
export const POSTGRES_SETTINGS: Readonly<Record<string, string>> = {
  // Room for every strategy server's pools, the replica's pool and the probes.
  max_connections: '300',
  shared_buffers: '256MB',
  // A streaming standby needs WAL at replica level, senders and a slot.
  wal_level: 'replica',
  max_wal_senders: '8',
  max_replication_slots: '8',
  hot_standby: 'on',
  // Seeding ends with an explicit CHECKPOINT; after it, no timed checkpoint (default every 5 min) or WAL-size one
  // should start writing dirty pages in the middle of a trial. Writes in a run are far below this much WAL.
  checkpoint_timeout: '30min',
  max_wal_size: '4GB',
};

/** `-c name=value` arguments for the settings. */
export function postgresSettingArgs(settings: Readonly<Record<string, string>> = POSTGRES_SETTINGS): string[] {
  return Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`]);
}
