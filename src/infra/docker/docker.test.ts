// The docker provider end to end, where a container runtime exists: the images (pinned, or the stand-ins named by
// ACCESSBENCH_*_IMAGE) start on loopback ports, each result names the image that ran, the replica streams from the
// primary, CPU time is read from the containers, and stop removes everything. Without a runtime these tests skip
// loudly, and under CI=true they fail: CI sets up an engine (scripts/container-engine.sh).
import { after, before, describe, it, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import type { StartedInfra } from '../../core/infra.ts';
import { runCleanups } from '../../core/lifecycle.ts';
import { sleep } from '../../core/net.ts';
import { NEEDS } from '../../core/scenario.ts';
import { probePostgres, probeRedis } from '../external.ts';
import { skipIfMissing } from '../../testing/backends.ts';
import { generateDockerCredentials, isFerretDbImage, mongoDef, primaryDef, redisDef, replicaDef, resolveImages } from './definitions.ts';
import { buildContainer, dockerProvider } from './index.ts';
import { cgroupCpuMicros } from './inspect.ts';
import { containerRuntime, type RuntimeStatus } from './runtime.ts';
import { ENGINE_ANSWER_MS, dockerResources } from '../../testing/docker.ts';

const creds = generateDockerCredentials();
const images = resolveImages(process.env);
const esc = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

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
  let before0: string[] = [];

  before(async () => {
    rt = await containerRuntime(ENGINE_ANSWER_MS);
    if (!rt.available) return;
    before0 = await dockerResources();
    infra = await dockerProvider().start(NEEDS);
  });
  after(async () => {
    await infra?.stop();
    await runCleanups();
  });

  const skipped = (t: TestContext): boolean => skipIfMissing(t, rt.available ? null : `no container runtime: ${rt.reason}`);

  it('starts every backend from its image on 127.0.0.1, and names the image and its digest', (t) => {
    if (skipped(t) || !infra) return;
    assert.equal(infra.provider, 'docker');
    for (const b of infra.backends) assert.equal(b.status, 'up', `${b.need}: ${b.reason}`);
    for (const need of NEEDS) assert.equal(new URL(infra.endpoints[need]?.url ?? 'x://').hostname, '127.0.0.1', need);
    const image = (need: string) => infra?.backends.find((b) => b.need === need)?.image;
    for (const [need, name] of [
      ['postgres', images.postgres],
      ['replica', images.postgres],
      ['redis', images.redis],
      ['mongo', images.mongo],
    ] as const) {
      assert.equal(image(need)?.name, name, need);
      assert.match(image(need)?.digest ?? '', /^sha256:[0-9a-f]{64}$/, need);
      // A stand-in says so in the server string too, which is what tables and comparisons show.
      const standIn = image(need)?.standInFor;
      assert.match(infra.endpoints[need]?.server ?? '', new RegExp(`\\(docker ${esc(name)}${standIn ? ', stand-in for ' : '[,)]'}`), need);
    }
    assert.match(infra.endpoints.postgres?.server ?? '', /^PostgreSQL \d+\.\d+ \(docker /);
    assert.match(infra.endpoints.replica?.server ?? '', /streaming standby\)$/);
    assert.match(infra.endpoints.redis?.server ?? '', /^Redis 7\.0\.15 \(docker /);
    assert.match(infra.endpoints.mongo?.server ?? '', isFerretDbImage(images.mongo) ? /^FerretDB 1\.24\.2 / : /^MongoDB 7\.0\.\d+ /);
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

  it("cpuMicros: a backend's container CPU time grows with the queries it runs, and only that backend's", async (t) => {
    if (skipped(t) || !infra?.cpuMicros) return;
    const cpu = infra.cpuMicros;
    const [pg0, redis0] = [await cpu('postgres'), await cpu('redis')];
    assert.ok(pg0 !== null && pg0 > 0, `postgres CPU is measured: ${pg0}`);
    // From the container's cgroup (exact, no engine round trip), not the stats API fallback.
    assert.equal(typeof cgroupCpuMicros(infra.endpoints.postgres?.pid ?? 0), 'number', 'cgroup of the postgres container');
    const client = new pg.Client({ connectionString: infra.endpoints.postgres?.url });
    await client.connect();
    try {
      // About a second of server-side work; the client only waits.
      await client.query('SELECT count(*) FROM generate_series(1, 3000000) a, LATERAL (SELECT md5(a::text)) m');
    } finally {
      await client.end();
    }
    const [pg1, redis1] = [await cpu('postgres'), await cpu('redis')];
    assert.ok(pg1 !== null && pg1 - pg0 > 200_000, `postgres CPU grew by ${(pg1 ?? 0) - pg0} µs`);
    assert.ok(redis0 !== null && redis1 !== null && redis1 - redis0 < (pg1 - pg0) / 10, `redis CPU: ${redis0} → ${redis1}`);
    assert.equal(await cpu('replica').then((v) => typeof v), 'number');
  });

  it('stop removes every container, network and volume it created: the servers no longer answer', async (t) => {
    if (skipped(t) || !infra) return;
    const urls = { pg: infra.endpoints.postgres?.url ?? '', redis: infra.endpoints.redis?.url ?? '' };
    assert.notDeepEqual(await dockerResources(), before0, 'the run created containers');
    await infra.stop();
    infra = null;
    await assert.rejects(probePostgres(urls.pg, 'primary', 1000));
    await assert.rejects(probeRedis(urls.redis, 1000));
    assert.deepEqual(await dockerResources(), before0);
  });
});
