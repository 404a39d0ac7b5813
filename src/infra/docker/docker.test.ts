// The docker provider end to end, where a container runtime exists: pinned images start on loopback ports, the
// replica streams from the primary, and stop removes everything. Without a runtime these tests are skipped loudly,
// even under CI=true: a container runtime is not one of the backends CI promises (those are the local ones).
import { after, before, describe, it, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import type { StartedInfra } from '../../core/infra.ts';
import { runCleanups } from '../../core/lifecycle.ts';
import { sleep } from '../../core/net.ts';
import { NEEDS } from '../../core/scenario.ts';
import { probePostgres, probeRedis } from '../external.ts';
import { generateDockerCredentials, IMAGES, mongoDef, primaryDef, redisDef, replicaDef } from './definitions.ts';
import { buildContainer, dockerProvider } from './index.ts';

const creds = generateDockerCredentials();
import { containerRuntime, type RuntimeStatus } from './runtime.ts';

describe('docker provider: definitions as testcontainers builds them (no runtime needed)', () => {
  it("publishes on 127.0.0.1 only, with the definition's entrypoint, command, environment and healthcheck", async () => {
    const tc = await import('testcontainers');
    for (const def of [primaryDef(creds), replicaDef(creds), redisDef(creds), mongoDef(creds)]) {
      const built = buildContainer(tc, def, 'accessbench-test-net').container as unknown as {
        createOpts: { Entrypoint?: string[]; Cmd?: string[]; Env?: string[]; Healthcheck?: { Test: string[]; Interval: number } };
        hostConfig: { PortBindings?: Record<string, Array<{ HostIp: string; HostPort: string }>>; ShmSize?: number };
      };
      assert.deepEqual(built.hostConfig.PortBindings, { [`${def.containerPort}/tcp`]: [{ HostIp: '127.0.0.1', HostPort: '0' }] }, def.role);
      assert.deepEqual(built.createOpts.Entrypoint, def.entrypoint ?? undefined);
      assert.deepEqual(built.createOpts.Cmd, def.command);
      assert.deepEqual(
        built.createOpts.Env?.sort(),
        Object.entries(def.env)
          .map(([k, v]) => `${k}=${v}`)
          .sort(),
      );
      assert.deepEqual(built.createOpts.Healthcheck?.Test, def.healthcheck.test);
      assert.equal(built.createOpts.Healthcheck?.Interval, def.healthcheck.intervalMs * 1e6, 'nanoseconds');
      assert.equal(built.hostConfig.ShmSize, def.shmBytes ?? undefined);
    }
  });
});

describe('docker provider (needs a container runtime)', () => {
  let rt: RuntimeStatus;
  let infra: StartedInfra | null = null;

  before(async () => {
    rt = await containerRuntime(5000);
    if (rt.available) infra = await dockerProvider().start(NEEDS);
  });
  after(async () => {
    await infra?.stop();
    await runCleanups();
  });

  const skipped = (t: TestContext): boolean => {
    if (rt.available) return false;
    console.warn(`SKIPPED ${t.name}: no container runtime on this machine (${rt.reason})`);
    t.skip(`no container runtime: ${rt.reason}`);
    return true;
  };

  it('starts every backend from its pinned image on 127.0.0.1 and names the image', (t) => {
    if (skipped(t) || !infra) return;
    assert.equal(infra.provider, 'docker');
    for (const b of infra.backends) assert.equal(b.status, 'up', `${b.need}: ${b.reason}`);
    for (const need of NEEDS) assert.equal(new URL(infra.endpoints[need]?.url ?? 'x://').hostname, '127.0.0.1', need);
    assert.match(infra.endpoints.postgres?.server ?? '', new RegExp(`^PostgreSQL 17\\.\\d+ \\(docker ${IMAGES.postgres}\\)$`));
    assert.match(infra.endpoints.replica?.server ?? '', /streaming standby/);
    assert.equal(infra.endpoints.redis?.server, `Redis 7.0.15 (docker ${IMAGES.redis})`);
    assert.match(infra.endpoints.mongo?.server ?? '', new RegExp(`^MongoDB 7\\.0\\.\\d+ \\(docker ${IMAGES.mongo}\\)$`));
  });

  it('the replica streams: a row written on the primary appears on the replica', async (t) => {
    if (skipped(t) || !infra) return;
    const primary = new pg.Client({ connectionString: infra.endpoints.postgres?.url });
    const replica = new pg.Client({ connectionString: infra.endpoints.replica?.url });
    await primary.connect();
    await replica.connect();
    try {
      await primary.query('CREATE TABLE docker_probe (v text)');
      await primary.query("INSERT INTO docker_probe VALUES ('streamed')");
      let seen: string | undefined;
      for (let i = 0; i < 100 && seen === undefined; i++) {
        seen = await replica.query<{ v: string }>('SELECT v FROM docker_probe').then(
          (r) => r.rows[0]?.v,
          () => undefined,
        );
        if (seen === undefined) await sleep(100);
      }
      assert.equal(seen, 'streamed');
      assert.equal((await replica.query<{ r: boolean }>('SELECT pg_is_in_recovery() AS r')).rows[0]?.r, true);
      await primary.query('DROP TABLE docker_probe');
    } finally {
      await primary.end();
      await replica.end();
    }
  });

  it('stop removes the containers: the servers no longer answer', async (t) => {
    if (skipped(t) || !infra) return;
    const urls = { pg: infra.endpoints.postgres?.url ?? '', redis: infra.endpoints.redis?.url ?? '' };
    await infra.stop();
    infra = null;
    await assert.rejects(probePostgres(urls.pg, 'primary', 1000));
    await assert.rejects(probeRedis(urls.redis, 1000));
  });
});
