import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { makeTempDir, runCleanups } from '../../core/lifecycle.ts';
import { processesInside } from '../../cli/clean.ts';
import { memcachedClient } from '../memcached-client.ts';
import { probeMemcached } from '../external.ts';
import { findMemcached, memcachedVersion, startMemcached, type RunningMemcached } from './memcached.ts';
import { isGone, skipIfMissing } from '../../testing/backends.ts';

const missing = findMemcached() ? null : 'memcached not found on PATH (install: apt-get install memcached)';

describe('startMemcached: memcached from PATH', () => {
  const root = makeTempDir('memcached-test');
  let mc: RunningMemcached;

  before(async () => {
    if (missing) return;
    mc = await startMemcached(root.path);
  });
  after(async () => {
    await runCleanups();
  });

  it('answers SET/GET/DELETE over the binary protocol on loopback, and names its version', async (t) => {
    if (skipIfMissing(t, missing)) return;
    assert.match(mc.version, /^Memcached \d+\.\d+\.\d+$/);
    assert.match(mc.url, /^memcached:\/\/127\.0\.0\.1:\d+$/);
    const client = await memcachedClient(mc.url);
    try {
      assert.equal(await client.set('accessbench:test', 'hello', { expires: 60 }), true);
      assert.equal((await client.get('accessbench:test')).value?.toString(), 'hello');
      assert.equal(await client.delete('accessbench:test'), true);
      assert.equal((await client.get('accessbench:test')).value, null);
      // An empty value (negative caching's marker) is a hit, not a miss.
      await client.set('accessbench:empty', '', { expires: 60 });
      assert.equal((await client.get('accessbench:empty')).value?.toString(), '');
    } finally {
      client.close();
    }
    assert.equal((await probeMemcached(mc.url)).server, mc.version);
  });

  it('listens on TCP only, with UDP off', async (t) => {
    if (skipIfMissing(t, missing)) return;
    const args = mc.proc.child.spawnargs;
    assert.equal(args[args.indexOf('-U') + 1], '0');
    assert.equal(args[args.indexOf('-l') + 1], '127.0.0.1');
    assert.match(await memcachedVersion('127.0.0.1', Number(new URL(mc.url).port), 1000), /^\d+\.\d+\.\d+$/);
  });

  it('lies inside its run directory, where `accessbench clean` finds a server a killed run left behind', (t) => {
    if (skipIfMissing(t, missing)) return;
    assert.deepEqual(
      processesInside(root.path).map((p) => p.pid),
      [mc.proc.pid],
    );
  });

  it('stops by PID and removes its directory', async (t) => {
    if (skipIfMissing(t, missing)) return;
    assert.deepEqual(await runCleanups(), []);
    assert.ok(isGone(mc.proc.pid), `memcached pid ${mc.proc.pid} still exists`);
    assert.equal(existsSync(root.path), false);
    await assert.rejects(memcachedVersion('127.0.0.1', Number(new URL(mc.url).port), 1000), /ECONNREFUSED/);
  });
});

describe('startMemcached: a missing binary', () => {
  it('says what is missing', async () => {
    await assert.rejects(startMemcached('/nonexistent', '/nonexistent/memcached'), /memcached not found or not executable/);
  });

  it('fails fast, with the exit status, when the server dies at startup', async () => {
    const root = makeTempDir('memcached-crash-test');
    const t0 = Date.now();
    try {
      await assert.rejects(startMemcached(root.path, '/bin/false'), /memcached exited \(code 1\)/);
      assert.ok(Date.now() - t0 < 5000, 'should not wait out the readiness timeout');
    } finally {
      await root.remove();
    }
  });
});
