// The PgBouncer container of the docker provider, as plain data like the others (definitions.ts).
import { health, IMAGES, pgEnv, PRIMARY_ALIAS, type ContainerDef, type DockerCredentials } from './definitions.ts';

/**
 * PgBouncer in transaction mode in front of the primary (by its network alias), as the local provider configures it
 * (src/infra/local/pgbouncer.ts): the config and auth_file are written from the environment into a private directory,
 * and PgBouncer drops to the postgres user (-u), as it refuses to run as root.
 */
export const PGBOUNCER_SCRIPT = `set -eu
dir=/tmp/accessbench-pgbouncer
mkdir -p "$dir" && chmod 700 "$dir"
umask 077
printf '"%s" "%s"\\n' "$PGBOUNCER_USER" "$PGBOUNCER_PASSWORD" > "$dir/userlist.txt"
cat > "$dir/pgbouncer.ini" <<EOF
[databases]
* = host=$PRIMARY_HOST port=$PRIMARY_PORT user=$POSTGRES_USER password=$POSTGRES_PASSWORD
[pgbouncer]
listen_addr = 0.0.0.0
listen_port = 6432
unix_socket_dir =
auth_type = scram-sha-256
auth_file = $dir/userlist.txt
admin_users = $PGBOUNCER_USER
pool_mode = transaction
default_pool_size = $PGBOUNCER_POOL_SIZE
max_client_conn = 2000
ignore_startup_parameters = extra_float_digits,statement_timeout
log_connections = 0
log_disconnections = 0
EOF
chown -R postgres "$dir"
exec pgbouncer -u postgres "$dir/pgbouncer.ini"`;

/** Ready when its port accepts a connection (the provider's probe then sends a query through it). */
export const PGBOUNCER_HEALTHCHECK = "bash -c 'exec 3<>/dev/tcp/127.0.0.1/6432'";

/** PgBouncer with `poolSize` server connections, in front of the primary container. */
export function pgbouncerDef(
  c: DockerCredentials,
  poolSize: number,
  image: string = IMAGES.pgbouncer,
  primaryAlias = PRIMARY_ALIAS,
): ContainerDef {
  return {
    role: 'pgbouncer',
    image,
    alias: 'pgbouncer',
    entrypoint: ['sh', '-c', PGBOUNCER_SCRIPT, 'accessbench-pgbouncer'],
    command: [],
    env: {
      ...pgEnv(c),
      PRIMARY_HOST: primaryAlias,
      PRIMARY_PORT: '5432',
      PGBOUNCER_USER: c.pgUser,
      PGBOUNCER_PASSWORD: c.pgbouncerPassword,
      PGBOUNCER_POOL_SIZE: String(poolSize),
    },
    containerPort: 6432,
    hostIp: '127.0.0.1',
    healthcheck: health(PGBOUNCER_HEALTHCHECK, 2_000),
    wait: { kind: 'healthcheck' },
    shmBytes: null,
    startupTimeoutMs: 60_000,
  };
}
