// The external provider against real servers: the ones the local provider starts (primary, streaming standby,
// redis-server, FerretDB/mongod), handed over by URL as a user would hand over `docker compose` or managed ones.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, InfraError } from '../core/errors.ts';
import type { StartedInfra } from '../core/infra.ts';
import { runCleanups } from '../core/lifecycle.ts';
import { freePort } from '../core/net.ts';
import { NEEDS } from '../core/scenario.ts';
import type { Result } from '../results/schema.ts';
import { tinyProfile } from '../testing/profile.ts';
import { runBenchmark, type Selection } from '../runner/run.ts';
import { externalProvider, externalUrls, parseBackendUrl, type ExternalUrls } from './external.ts';
import { localProvider } from './local/index.ts';
import { skipIfMissing } from '../testing/backends.ts';

const PROFILE = tinyProfile({ trialSec: 0.5, trials: 2, maxTrials: 2, micro: 'off' });
const SELECTION: Selection[] = [{ scenario: 'post-detail', strategies: ['pg-join', 'pg-replica', 'pg-cached-redis', 'mongoose-lean'] }];

/** The parts of a result that must not depend on where the servers came from. */
function shape(r: Result): unknown {
  return r.scenarios.map((s) => ({
    scenario: s.name,
    strategies: s.strategies.map((x) => ({
      strategy: x.strategy,
      status: x.status,
      needs: x.needs,
      levels: 'levels' in x ? x.levels.map((l) => l.connections) : null,
      verified: 'verify' in x ? x.verify?.problems.length : null,
    })),
  }));
}

const withPassword = (url: string, password: string): string => {
  const u = new URL(url);
  u.password = password;
  return u.toString();
};

describe('external provider on servers started by the local provider', () => {
  let local: StartedInfra;
  let urls: ExternalUrls;

  before(async () => {
    local = await localProvider().start(NEEDS);
    urls = Object.fromEntries(Object.entries(local.endpoints).map(([need, e]) => [need, e.url]));
  });
  after(async () => {
    await local?.stop();
    await runCleanups();
  });

  it('reports every backend up, named from the server itself', async (t) => {
    if (
      skipIfMissing(
        t,
        local.backends
          .filter((b) => b.status !== 'up')
          .map((b) => `${b.need}: ${b.reason}`)
          .join('; ') || null,
      )
    )
      return;
    const ext = await externalProvider(urls).start(NEEDS);
    assert.equal(ext.provider, 'external');
    for (const b of ext.backends) assert.equal(b.status, 'up', `${b.need}: ${b.reason}`);
    const server = (need: (typeof NEEDS)[number]) => ext.endpoints[need]?.server ?? '';
    assert.equal(server('postgres'), local.endpoints.postgres?.server);
    assert.equal(server('replica'), local.endpoints.replica?.server);
    assert.equal(server('redis'), local.endpoints.redis?.server);
    // The local provider knows it started FerretDB on SQLite; over the wire only "FerretDB <version>" is visible.
    assert.ok(local.endpoints.mongo?.server.startsWith(server('mongo')), `${server('mongo')} vs ${local.endpoints.mongo?.server}`);
    // PgBouncer's own version is on its admin console only: over an ordinary connection it is named by what it fronts.
    assert.match(server('pgbouncer'), /^PgBouncer in front of PostgreSQL \d+/);
    assert.match(ext.reason, /postgres 127\.0\.0\.1:\d+/);
    await ext.stop(); // starts nothing, stops nothing: the servers must still answer
    assert.equal((await externalProvider(urls).start(['redis'])).backends[0]?.status, 'up');
  });

  it('a wrong password gives a one-line reason naming host:port and never the password', async () => {
    const secret = 'not-the-password-4f1c9';
    const bad = { ...urls, postgres: withPassword(urls.postgres as string, secret), redis: withPassword(urls.redis as string, secret) };
    const statuses = await externalProvider(bad)
      .start(['redis'])
      .then((i) => i.backends);
    const redis = statuses.find((b) => b.need === 'redis');
    assert.equal(redis?.status, 'unavailable');
    assert.match(redis?.reason ?? '', new RegExp(`^redis at 127\\.0\\.0\\.1:${new URL(urls.redis as string).port}: `));
    await assert.rejects(externalProvider(bad).start(['postgres']), (e: Error) => {
      assert.ok(e instanceof InfraError);
      assert.match(
        e.message,
        new RegExp(`postgres at 127\\.0\\.0\\.1:${new URL(urls.postgres as string).port}: .*password authentication failed`),
      );
      return true;
    });
    for (const reason of [
      redis?.reason ?? '',
      ...(await externalProvider(bad)
        .start(['redis'])
        .then((i) => i.backends.map((b) => b.reason ?? ''))),
    ]) {
      assert.ok(!reason.includes(secret) && !reason.includes('\n'), reason);
    }
  });

  it('a wrong port gives a one-line reason naming host:port', async () => {
    const port = await freePort();
    const bad = { ...urls, redis: `redis://127.0.0.1:${port}`, mongo: `mongodb://127.0.0.1:${port}/accessbench` };
    const infra = await externalProvider(bad, 1000).start(['postgres', 'redis', 'mongo']);
    for (const need of ['redis', 'mongo'] as const) {
      const b = infra.backends.find((x) => x.need === need);
      assert.equal(b?.status, 'unavailable');
      assert.match(b?.reason ?? '', new RegExp(`^${need} at 127\\.0\\.0\\.1:${port}: \\S`));
      assert.ok(!(b?.reason ?? '').includes('\n'));
    }
    assert.equal(infra.backends.find((x) => x.need === 'postgres')?.status, 'up');
  });

  it('a replica URL that points at the primary is unavailable: not a standby', async () => {
    const infra = await externalProvider({ ...urls, replica: urls.postgres }).start(['postgres', 'replica']);
    const r = infra.backends.find((b) => b.need === 'replica');
    assert.equal(r?.status, 'unavailable');
    assert.match(r?.reason ?? '', /not a standby/);
    assert.equal(infra.endpoints.replica, undefined);
  });

  it('malformed URLs and wrong schemes are ConfigErrors that do not echo the password', () => {
    assert.throws(() => parseBackendUrl('postgres', 'not a url'), ConfigError);
    assert.throws(
      () => parseBackendUrl('redis', 'http://:sekrit-pw@127.0.0.1:6379'),
      (e: Error) => e instanceof ConfigError && /redis:\/\//.test(e.message) && !e.message.includes('sekrit-pw'),
    );
    assert.throws(() => parseBackendUrl('postgres', 'postgres://u:p@127.0.0.1:99999/db'), /no valid host/);
    assert.throws(() => externalUrls({}, { ACCESSBENCH_MONGO_URL: 'postgres://127.0.0.1/x' }), /^ConfigError: ACCESSBENCH_MONGO_URL/);
    assert.equal(parseBackendUrl('mongo', 'mongodb://a:1,b:2/db?replicaSet=rs0'), 'mongodb://a:1,b:2/db?replicaSet=rs0');
  });

  it('runs a real scenario with the same shape as the local provider, then refuses to seed twice', async (t) => {
    if (
      skipIfMissing(
        t,
        local.backends
          .filter((b) => b.status !== 'up')
          .map((b) => `${b.need}: ${b.reason}`)
          .join('; ') || null,
      )
    )
      return;
    const viaExternal = await runBenchmark({ selection: SELECTION, profile: PROFILE, seed: 42, provider: externalProvider(urls) });
    const viaLocal = await runBenchmark({ selection: SELECTION, profile: PROFILE, seed: 42, provider: localProvider() });
    assert.equal(viaExternal.infra.provider, 'external');
    assert.equal(viaLocal.infra.provider, 'local');
    for (const s of viaLocal.scenarios[0]?.strategies ?? [])
      assert.equal(s.status, 'completed', `local: ${s.strategy}: ${'reason' in s ? s.reason : ''}`);
    assert.deepEqual(shape(viaExternal), shape(viaLocal));
    for (const s of viaExternal.scenarios[0]?.strategies ?? [])
      assert.equal(s.status, 'completed', `${s.strategy}: ${'reason' in s ? s.reason : ''}`);
    // The seeded database now holds the tables: a second run would fail halfway through seeding, so it is refused.
    await assert.rejects(externalProvider(urls).start(['postgres']), /already holds a "users" table/);
  });
});
