import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { Redis } from 'ioredis';
import { makeTempDir, runCleanups } from '../../core/lifecycle.ts';
import { findRedisServer, startRedis, type RunningRedis } from './redis.ts';
import { isGone, skipIfMissing } from '../../testing/backends.ts';

const missing = findRedisServer() ? null : 'redis-server not found on PATH (install: apt-get install redis-server)';

describe('startRedis: redis-server from PATH', () => {
  const root = makeTempDir('redis-test');
  let redis: RunningRedis;

  before(async () => {
    if (missing) return;
    redis = await startRedis(root.path);
  });
  after(async () => {
    await runCleanups();
  });

  it('answers SET/GET on loopback with the generated password', async (t) => {
    if (skipIfMissing(t, missing)) return;
    assert.match(redis.version, /^Redis \d+\.\d+\.\d+$/);
    assert.match(redis.url, /^redis:\/\/:[0-9a-f]{32}@127\.0\.0\.1:\d+$/);
    const client = new Redis(redis.url, { maxRetriesPerRequest: 0 });
    client.on('error', () => {});
    try {
      await client.set('accessbench:test', 'hello');
      assert.equal(await client.get('accessbench:test'), 'hello');
      // A pure cache: no snapshots, no AOF.
      assert.deepEqual(await client.config('GET', 'save'), ['save', '']);
      assert.deepEqual(await client.config('GET', 'appendonly'), ['appendonly', 'no']);
    } finally {
      client.disconnect();
    }
  });

  it('refuses clients without the password', async (t) => {
    if (skipIfMissing(t, missing)) return;
    const anon = new Redis(redis.url.replace(/:[0-9a-f]+@/, ''), { maxRetriesPerRequest: 0, retryStrategy: () => null });
    anon.on('error', () => {});
    try {
      await assert.rejects(anon.get('accessbench:test'), /NOAUTH/);
    } finally {
      anon.disconnect();
    }
  });

  it('stops by PID and removes its directory', async (t) => {
    if (skipIfMissing(t, missing)) return;
    assert.deepEqual(await runCleanups(), []);
    assert.ok(isGone(redis.proc.pid), `redis pid ${redis.proc.pid} still exists`);
    assert.equal(existsSync(root.path), false);
  });
});

describe('startRedis: a missing binary', () => {
  it('says what is missing', async () => {
    await assert.rejects(startRedis('/nonexistent', '/nonexistent/redis-server'), /not found or not executable/);
  });

  it('fails fast, with the exit status, when the server dies at startup', async () => {
    const root = makeTempDir('redis-crash-test');
    const t0 = Date.now();
    try {
      await assert.rejects(startRedis(root.path, '/bin/false'), /redis exited \(code 1\)/);
      assert.ok(Date.now() - t0 < 5000, 'should not wait out the readiness timeout');
    } finally {
      await root.remove();
    }
  });
});
