// The containers of the docker provider as plain data: images pinned to exact versions, commands, environment,
// healthchecks, ports published on 127.0.0.1 only. Pure functions (credentials are passed in), so tests check them
// without a container runtime and docker-compose.yml can be checked against the same scripts.
import { postgresSettingArgs } from '../postgres-settings.ts';
import { randomBytes } from 'node:crypto';

/**
 * Exact tags, so a result names the server it measured. PostgreSQL shares the embedded binaries' major (17), so
 * docker and local runs differ in packaging, not in planner or executor; Redis matches Debian's redis-server; MongoDB
 * is the real server FerretDB stands in for locally.
 */
export const IMAGES = {
  postgres: 'postgres:17.6',
  redis: 'redis:7.0.15',
  mongo: 'mongo:7.0.14',
  // No official PgBouncer image exists: this one is built from docker/pgbouncer.Dockerfile (Debian's 1.18, the
  // release the local provider runs) by scripts/container-engine.sh, or by hand with `docker build`.
  pgbouncer: 'localhost/accessbench-pgbouncer:1.18.0-bookworm',
  memcached: 'memcached:1.6.18',
} as const;

export type DockerImages = { postgres: string; redis: string; mongo: string; pgbouncer: string; memcached: string };

/** Where a run's images come from, first match wins: the environment, then the config file's `images`, then IMAGES. */
export const IMAGE_ENV = {
  postgres: 'ACCESSBENCH_POSTGRES_IMAGE',
  redis: 'ACCESSBENCH_REDIS_IMAGE',
  mongo: 'ACCESSBENCH_MONGO_IMAGE',
  pgbouncer: 'ACCESSBENCH_PGBOUNCER_IMAGE',
  memcached: 'ACCESSBENCH_MEMCACHED_IMAGE',
} as const;

export function resolveImages(env: NodeJS.ProcessEnv, config: Partial<DockerImages> = {}): DockerImages {
  const pick = (k: keyof DockerImages): string => env[IMAGE_ENV[k]]?.trim() || config[k] || IMAGES[k];
  return {
    postgres: pick('postgres'),
    redis: pick('redis'),
    mongo: pick('mongo'),
    pgbouncer: pick('pgbouncer'),
    memcached: pick('memcached'),
  };
}

/** FerretDB 1.x over SQLite speaks the MongoDB protocol without SCRAM authentication: its URL carries no credentials. */
export const isFerretDbImage = (image: string): boolean => /ferretdb/i.test(image);

export type ContainerRole = 'primary' | 'replica' | 'redis' | 'mongo' | 'pgbouncer' | 'memcached';

export interface DockerCredentials {
  pgUser: string;
  pgPassword: string;
  pgDatabase: string;
  redisPassword: string;
  mongoUser: string;
  mongoPassword: string;
  /** What clients give PgBouncer (its auth_file); PgBouncer logs in to the primary with pgPassword. */
  pgbouncerPassword: string;
}

export function generateDockerCredentials(): DockerCredentials {
  const secret = (): string => randomBytes(12).toString('hex');
  return {
    pgUser: 'accessbench',
    pgPassword: secret(),
    pgDatabase: 'accessbench',
    redisPassword: secret(),
    mongoUser: 'accessbench',
    mongoPassword: secret(),
    pgbouncerPassword: secret(),
  };
}

export interface HealthcheckDef {
  test: ['CMD-SHELL', string] | ['CMD', ...string[]];
  intervalMs: number;
  timeoutMs: number;
  retries: number;
  startPeriodMs: number;
}

export interface ContainerDef {
  role: ContainerRole;
  image: string;
  /** Name other containers on the shared network use (the replica reaches the primary by it). */
  alias: string;
  entrypoint: string[] | null;
  command: string[];
  env: Record<string, string>;
  containerPort: number;
  /** Published to a free port on this host interface only. */
  hostIp: '127.0.0.1';
  healthcheck: HealthcheckDef;
  /** Readiness is the healthcheck (the same one docker compose's depends_on waits for). */
  wait: { kind: 'healthcheck' };
  shmBytes: number | null;
  startupTimeoutMs: number;
  /** The server takes no credentials (FerretDB over SQLite); its URL carries none. */
  anonymous?: boolean;
}

export const PRIMARY_ALIAS = 'primary';
export const STANDBY_SLOT = 'accessbench_standby';

export function postgresCommand(): string[] {
  return ['postgres', ...postgresSettingArgs()];
}

/**
 * Primary entrypoint: before the image's own entrypoint runs, drop an init script that lets standbys on the
 * container network connect for replication (the image's pg_hba admits only ordinary connections from there).
 */
export const PRIMARY_SCRIPT = `set -eu
cat > /docker-entrypoint-initdb.d/00-accessbench-replication.sh <<'EOF'
echo "host replication all all scram-sha-256" >> "$PGDATA/pg_hba.conf"
EOF
exec docker-entrypoint.sh "$@"`;

/**
 * Replica entrypoint: on an empty data dir, clone the primary with pg_basebackup (-R writes standby.signal and
 * primary_conninfo, -X stream copies the WAL written meanwhile, -C -S a physical slot so the primary keeps the WAL
 * the standby still needs), then start postgres through the image's entrypoint, which sees an initialised cluster.
 * A leftover inactive slot of an earlier standby would make -C fail, so it is dropped first.
 */
export const REPLICA_SCRIPT = `set -eu
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  mkdir -p "$PGDATA" && chown postgres:postgres "$PGDATA" && chmod 700 "$PGDATA"
  export PGPASSWORD="$POSTGRES_PASSWORD"
  until pg_isready -q -h "$PRIMARY_HOST" -p "$PRIMARY_PORT" -U "$POSTGRES_USER" -d "$POSTGRES_DB"; do sleep 1; done
  psql -h "$PRIMARY_HOST" -p "$PRIMARY_PORT" -U "$POSTGRES_USER" -d "$POSTGRES_DB" -v ON_ERROR_STOP=1 -qAt -c "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = '$STANDBY_SLOT' AND NOT active" > /dev/null
  gosu postgres pg_basebackup -h "$PRIMARY_HOST" -p "$PRIMARY_PORT" -U "$POSTGRES_USER" -D "$PGDATA" -R -X stream -C -S "$STANDBY_SLOT" -c fast
fi
exec docker-entrypoint.sh "$@"`;

/** The password reaches redis-server on stdin (`-` reads config from it), not argv, which `ps` on the host shows. */
export const REDIS_SCRIPT = `set -eu
exec docker-entrypoint.sh redis-server - "$@" <<EOF
requirepass $REDIS_PASSWORD
EOF`;

/** Over TCP so that the image's init-time server (which listens on the socket only) does not count as ready. */
export const PG_HEALTHCHECK = 'pg_isready -q -h 127.0.0.1 -U "$POSTGRES_USER" -d "$POSTGRES_DB"';
export const REDIS_HEALTHCHECK = 'REDISCLI_AUTH="$REDIS_PASSWORD" redis-cli ping | grep -q PONG';
/** The text protocol's `version`, over bash's /dev/tcp (the Debian-based images have bash, not nc). */
export const MEMCACHED_HEALTHCHECK =
  'bash -c \'exec 3<>/dev/tcp/127.0.0.1/11211 && printf "version\\r\\n" >&3 && head -c 7 <&3 | grep -q VERSION\'';
/**
 * Authenticated, so the image's init-time mongod (before the root user exists) does not count as ready; the
 * credentials come from the container's environment, not argv. An image without mongosh (the FerretDB stand-in,
 * which has no users and no init-time server) is ready when its port accepts a connection.
 */
export const MONGO_HEALTHCHECK =
  "if command -v mongosh >/dev/null; then mongosh --quiet --norc --eval 'db.getSiblingDB(\"admin\").auth(process.env.MONGO_INITDB_ROOT_USERNAME, process.env.MONGO_INITDB_ROOT_PASSWORD).ok || quit(1)'; else bash -c 'exec 3<>/dev/tcp/127.0.0.1/27017'; fi";

export const health = (shell: string, startPeriodMs = 5_000): HealthcheckDef => ({
  test: ['CMD-SHELL', shell],
  intervalMs: 1_000,
  timeoutMs: 5_000,
  retries: 60,
  startPeriodMs,
});

export function pgEnv(c: DockerCredentials): Record<string, string> {
  return { POSTGRES_USER: c.pgUser, POSTGRES_PASSWORD: c.pgPassword, POSTGRES_DB: c.pgDatabase };
}

export function primaryDef(c: DockerCredentials, image: string = IMAGES.postgres): ContainerDef {
  return {
    role: 'primary',
    image,
    alias: PRIMARY_ALIAS,
    entrypoint: ['bash', '-c', PRIMARY_SCRIPT, 'accessbench-primary'],
    command: postgresCommand(),
    env: pgEnv(c),
    containerPort: 5432,
    hostIp: '127.0.0.1',
    healthcheck: health(PG_HEALTHCHECK),
    wait: { kind: 'healthcheck' },
    shmBytes: 256 * 1024 * 1024,
    startupTimeoutMs: 120_000,
  };
}

/** Same credentials as the primary: pg_basebackup clones its roles, and a hot standby needs max_connections >= the primary's. */
export function replicaDef(c: DockerCredentials, primaryAlias = PRIMARY_ALIAS, image: string = IMAGES.postgres): ContainerDef {
  return {
    role: 'replica',
    image,
    alias: 'replica',
    entrypoint: ['bash', '-c', REPLICA_SCRIPT, 'accessbench-replica'],
    command: postgresCommand(),
    env: { ...pgEnv(c), PRIMARY_HOST: primaryAlias, PRIMARY_PORT: '5432', STANDBY_SLOT },
    containerPort: 5432,
    hostIp: '127.0.0.1',
    healthcheck: health(PG_HEALTHCHECK, 10_000),
    wait: { kind: 'healthcheck' },
    shmBytes: 256 * 1024 * 1024,
    startupTimeoutMs: 180_000,
  };
}

/** A pure cache, as locally: no RDB snapshots, no AOF. */
export function redisDef(c: DockerCredentials, image: string = IMAGES.redis): ContainerDef {
  return {
    role: 'redis',
    image,
    alias: 'redis',
    entrypoint: ['sh', '-c', REDIS_SCRIPT, 'accessbench-redis'],
    command: ['--save', '', '--appendonly', 'no'],
    env: { REDIS_PASSWORD: c.redisPassword },
    containerPort: 6379,
    hostIp: '127.0.0.1',
    healthcheck: health(REDIS_HEALTHCHECK, 2_000),
    wait: { kind: 'healthcheck' },
    shmBytes: null,
    startupTimeoutMs: 60_000,
  };
}

/**
 * Memory only, as locally: TCP without UDP, the same item memory and size limit. Like the local server it has no
 * credentials (Memcached's SASL needs a user database); the port is published on 127.0.0.1 only.
 */
export function memcachedDef(image: string = IMAGES.memcached): ContainerDef {
  return {
    role: 'memcached',
    image,
    alias: 'memcached',
    entrypoint: null,
    command: ['memcached', '-U', '0', '-m', '256', '-I', '1m', '-c', '1024'],
    env: {},
    containerPort: 11211,
    hostIp: '127.0.0.1',
    healthcheck: health(MEMCACHED_HEALTHCHECK, 2_000),
    wait: { kind: 'healthcheck' },
    shmBytes: null,
    startupTimeoutMs: 60_000,
    anonymous: true,
  };
}

/**
 * The FerretDB stand-in takes the official image's command and environment (and ignores them: it is configured by
 * its own environment and, over SQLite, has no SCRAM users), so only the URL differs: no credentials.
 */
export function mongoDef(c: DockerCredentials, image: string = IMAGES.mongo): ContainerDef {
  return {
    role: 'mongo',
    image,
    alias: 'mongo',
    entrypoint: null,
    command: ['mongod', '--bind_ip_all'],
    env: { MONGO_INITDB_ROOT_USERNAME: c.mongoUser, MONGO_INITDB_ROOT_PASSWORD: c.mongoPassword },
    containerPort: 27017,
    hostIp: '127.0.0.1',
    healthcheck: health(MONGO_HEALTHCHECK, 10_000),
    wait: { kind: 'healthcheck' },
    shmBytes: null,
    startupTimeoutMs: 120_000,
    ...(isFerretDbImage(image) ? { anonymous: true } : {}),
  };
}

/** The URL this host uses to reach a container's published port (credentials percent-encoded). */
export function endpointUrl(role: ContainerRole, c: DockerCredentials, port: number, anonymous = false): string {
  const e = encodeURIComponent;
  switch (role) {
    case 'primary':
    case 'replica':
      return `postgres://${e(c.pgUser)}:${e(c.pgPassword)}@127.0.0.1:${port}/${e(c.pgDatabase)}`;
    case 'redis':
      return `redis://:${e(c.redisPassword)}@127.0.0.1:${port}`;
    case 'pgbouncer':
      return `postgres://${e(c.pgUser)}:${e(c.pgbouncerPassword)}@127.0.0.1:${port}/${e(c.pgDatabase)}`;
    case 'memcached':
      return `memcached://127.0.0.1:${port}`;
    case 'mongo':
      if (anonymous) return `mongodb://127.0.0.1:${port}/accessbench?directConnection=true`;
      return `mongodb://${e(c.mongoUser)}:${e(c.mongoPassword)}@127.0.0.1:${port}/accessbench?authSource=admin&directConnection=true`;
  }
}
