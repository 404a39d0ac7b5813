// docker-compose.yml is the docker provider's topology for people who start infrastructure by hand: the same pinned
// images, the same entrypoint scripts (the replica streams from the primary), healthchecks, loopback-only ports.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import {
  generateDockerCredentials,
  IMAGE_ENV,
  memcachedDef,
  mongoDef,
  primaryDef,
  redisDef,
  replicaDef,
  type ContainerDef,
} from './definitions.ts';
import { pgbouncerDef } from './pgbouncer.ts';

interface Service {
  image?: string;
  entrypoint?: string[];
  command?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  healthcheck?: { test?: string[] };
  depends_on?: Record<string, { condition?: string }>;
}

const file = fileURLToPath(new URL('../../../docker-compose.yml', import.meta.url));
const compose = parse(readFileSync(file, 'utf8')) as { services: Record<string, Service> };
const creds = generateDockerCredentials();
const byService: Record<string, ContainerDef> = {
  postgres: primaryDef(creds),
  replica: replicaDef(creds, 'postgres'),
  redis: redisDef(creds),
  mongo: mongoDef(creds),
  pgbouncer: pgbouncerDef(creds, 10, undefined, 'postgres'),
  memcached: memcachedDef(),
};
/** Compose interpolates ${VAR} and $VAR; $$ is its escape for a literal $. */
const unescape = (s: string): string => s.replace(/\$\$/g, '$');
const service = (name: string): Service => {
  const s = compose.services[name];
  assert.ok(s, `service ${name}`);
  return s;
};

describe('docker-compose.yml', () => {
  it('has the primary, the replica, redis, mongo, pgbouncer and memcached', () => {
    assert.deepEqual(Object.keys(compose.services).sort(), ['memcached', 'mongo', 'pgbouncer', 'postgres', 'redis', 'replica']);
  });

  for (const [name, def] of Object.entries(byService)) {
    it(`${name}: the docker provider's image (overridable as the provider's is), published on 127.0.0.1 only, with a healthcheck`, () => {
      const s = service(name);
      // Overridable by the provider's own variable, defaulting to the provider's pinned image.
      const need = (name === 'replica' ? 'postgres' : name) as keyof typeof IMAGE_ENV;
      assert.equal(s.image, `\${${IMAGE_ENV[need]}:-${def.image}}`);
      assert.ok(s.ports && s.ports.length > 0, 'publishes a port');
      for (const p of s.ports) assert.match(p, new RegExp(`^127\\.0\\.0\\.1:\\d+:${def.containerPort}$`), p);
      assert.deepEqual(s.healthcheck?.test?.map(unescape), def.healthcheck.test);
    });

    it(`${name}: runs the provider's entrypoint script and command, character for character`, () => {
      const s = service(name);
      assert.deepEqual(s.entrypoint?.map(unescape) ?? null, def.entrypoint);
      assert.deepEqual(s.command, def.command);
      // Same variables (values differ: compose takes the password from ACCESSBENCH_DB_PASSWORD).
      assert.deepEqual(Object.keys(s.environment ?? {}).sort(), Object.keys(def.env).sort());
    });
  }

  it('the replica clones and streams from the primary service, once the primary is healthy', () => {
    const r = service('replica');
    assert.equal(r.environment?.PRIMARY_HOST, 'postgres');
    assert.equal(r.environment?.PRIMARY_PORT, '5432');
    assert.equal(r.depends_on?.postgres?.condition, 'service_healthy');
    assert.match(unescape(r.entrypoint?.[2] ?? ''), /pg_basebackup -h "\$PRIMARY_HOST" .*-R -X stream/);
    assert.equal(r.environment?.POSTGRES_USER, service('postgres').environment?.POSTGRES_USER);
    assert.equal(r.environment?.POSTGRES_PASSWORD, service('postgres').environment?.POSTGRES_PASSWORD);
  });

  it("pgbouncer fronts the primary service once it is healthy, with the provider's pool size", () => {
    const b = service('pgbouncer');
    assert.equal(b.environment?.PRIMARY_HOST, 'postgres');
    assert.equal(b.depends_on?.postgres?.condition, 'service_healthy');
    assert.equal(b.environment?.PGBOUNCER_POOL_SIZE, byService.pgbouncer?.env.PGBOUNCER_POOL_SIZE);
  });

  it("uses distinct host ports and no hard-coded password outside ACCESSBENCH_DB_PASSWORD's default", () => {
    const ports = Object.values(compose.services)
      .flatMap((s) => s.ports ?? [])
      .map((p) => p.split(':')[1]);
    assert.equal(new Set(ports).size, ports.length);
    for (const s of Object.values(compose.services)) {
      for (const [k, v] of Object.entries(s.environment ?? {})) {
        if (/PASSWORD/.test(k)) assert.equal(v, '${ACCESSBENCH_DB_PASSWORD:-accessbench}', k);
      }
    }
  });
});
