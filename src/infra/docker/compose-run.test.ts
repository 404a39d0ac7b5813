// docker-compose.yml for real: every service (PgBouncer and Memcached included) brought up with the images
// ACCESSBENCH_*_IMAGE name (the provider's pinned ones by default), the replica cloning the primary, then a run with
// --infra external against its ports, then torn down with its volumes. Needs a container runtime and docker-compose (1.29) or podman-compose on PATH.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { runCleanups } from '../../core/lifecycle.ts';
import { waitFor } from '../../core/net.ts';
import { NEEDS } from '../../core/scenario.ts';
import { tinyProfile } from '../../testing/profile.ts';
import { runBenchmark } from '../../runner/run.ts';
import { checkExternal, externalProvider, type ExternalUrls } from '../external.ts';
import { skipIfMissing } from '../../testing/backends.ts';
import { isFerretDbImage, resolveImages } from './definitions.ts';
import { containerRuntime } from './runtime.ts';
import { ENGINE_ANSWER_MS, dockerResources } from '../../testing/docker.ts';

const FILE = fileURLToPath(new URL('../../../docker-compose.yml', import.meta.url));
const PROFILE = tinyProfile({ trials: 2, maxTrials: 2 });

function composeTool(): string | null {
  for (const tool of ['docker-compose', 'podman-compose']) {
    if (spawnSync(tool, ['version'], { stdio: 'ignore' }).status === 0) return tool;
  }
  return null;
}

describe('docker-compose.yml, brought up for real', () => {
  it('starts every service healthy (PgBouncer and Memcached too), a run against them with --infra external completes, down -v removes all', async (t) => {
    const rt = await containerRuntime(ENGINE_ANSWER_MS);
    const tool = rt.available ? composeTool() : null;
    if (
      skipIfMissing(
        t,
        !rt.available ? `no container runtime: ${rt.reason}` : tool ? null : 'neither docker-compose nor podman-compose on PATH',
      )
    )
      return;
    const before0 = await dockerResources();
    const password = randomBytes(9).toString('hex');
    const project = `accessbench-compose-${process.pid}`;
    const env = { ...process.env, ACCESSBENCH_DB_PASSWORD: password };
    const compose = (...args: string[]) => {
      const r = spawnSync(tool as string, ['-p', project, '-f', FILE, ...args], { env, encoding: 'utf8', timeout: 300_000 });
      assert.equal(r.status, 0, `${tool} ${args.join(' ')}: ${r.stderr.slice(-2000)}`);
      return r.stdout;
    };
    const mongoAuth = isFerretDbImage(resolveImages(process.env).mongo) ? '' : `accessbench:${password}@`;
    const urls: ExternalUrls = {
      postgres: `postgres://accessbench:${password}@127.0.0.1:55432/accessbench`,
      replica: `postgres://accessbench:${password}@127.0.0.1:55433/accessbench`,
      redis: `redis://:${password}@127.0.0.1:56379`,
      mongo: `mongodb://${mongoAuth}127.0.0.1:57017/accessbench?${mongoAuth ? 'authSource=admin&' : ''}directConnection=true`,
      pgbouncer: `postgres://accessbench:${password}@127.0.0.1:56432/accessbench`,
      memcached: 'memcached://127.0.0.1:51211',
    };
    try {
      // docker-compose 1.29 starts the replica only once the primary's healthcheck passed (depends_on).
      compose('up', '-d');
      await waitFor(
        'every compose service to answer',
        async () => (await checkExternal(urls, NEEDS, 2000)).every((b) => b.status === 'up'),
        180_000,
        1000,
      );
      const result = await runBenchmark({
        selection: [
          { scenario: 'post-detail', strategies: ['pg-join', 'pg-replica', 'pg-cached-redis', 'pg-cached-memcached', 'mongoose-lean'] },
          { scenario: 'pooling', strategies: ['pg-pool-10', 'pg-pgbouncer'] },
        ],
        profile: PROFILE,
        seed: 42,
        provider: externalProvider(urls),
        log: () => {},
      });
      assert.equal(result.infra.provider, 'external');
      const replica = result.infra.backends.find((b) => b.need === 'replica');
      assert.match(replica?.server ?? '', /streaming standby/, 'the compose replica streams from the compose primary');
      for (const sc of result.scenarios)
        for (const s of sc.strategies) assert.equal(s.status, 'completed', `${sc.name}/${s.strategy}: ${JSON.stringify(s).slice(0, 400)}`);
      assert.deepEqual(
        result.scenarios.map((sc) => sc.strategies.length),
        [5, 2],
      );
    } finally {
      compose('down', '-v');
      await runCleanups();
    }
    assert.deepEqual(await dockerResources(), before0, 'down -v leaves no container, network or volume');
  });
});
