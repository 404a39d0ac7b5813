// `--infra auto` explains its choice; the runtime probe is bounded and never throws; bad URL input is a ConfigError.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { ConfigError } from '../core/errors.ts';
import { runCleanups } from '../core/lifecycle.ts';
import { containerRuntime } from './docker/runtime.ts';
import { autoChoice, chooseProvider } from './select.ts';

const absent = async () => ({ available: false, reason: 'no socket here' });
const present = async () => ({ available: true, reason: 'Docker (API 1.50) at localhost' });

describe('provider selection', () => {
  it('auto with no container runtime picks local and says why', async () => {
    const c = await autoChoice({ infra: 'auto', env: {}, runtime: absent });
    assert.equal(c.provider, 'local');
    assert.equal(c.reason, 'auto: no container runtime (no socket here); using local binaries');
    const p = await chooseProvider({ infra: 'auto', env: {}, runtime: absent });
    assert.equal(p.name, 'local');
  });

  it('auto with a runtime that answers picks docker', async () => {
    const c = await autoChoice({ infra: 'auto', env: {}, runtime: present });
    assert.equal(c.provider, 'docker');
    assert.match(c.reason, /^auto: container runtime answered \(Docker/);
  });

  it('auto with a URL given picks external, from a flag or from the environment', async () => {
    const flag = await autoChoice({ infra: 'auto', env: {}, urls: { postgres: 'postgres://u:p@127.0.0.1:5432/db' }, runtime: present });
    assert.equal(flag.provider, 'external');
    const env = await autoChoice({
      infra: 'auto',
      env: { ACCESSBENCH_POSTGRES_URL: 'postgres://u:p@127.0.0.1:5432/db' },
      runtime: present,
    });
    assert.equal(env.provider, 'external');
    assert.match(env.reason, /--postgres-url given/);
  });

  it('on this machine, the real probe answers within its bound and without throwing', async () => {
    // The bound is for the engine's answer; loading testcontainers itself (seconds on a busy machine) is not in it.
    await import('testcontainers');
    const t0 = performance.now();
    const rt = await containerRuntime(2000);
    const ms = performance.now() - t0;
    assert.ok(ms < 2500, `took ${ms.toFixed(0)} ms`);
    assert.equal(typeof rt.available, 'boolean');
    assert.ok(rt.reason.length > 0 && !rt.reason.includes('\n'), rt.reason);
    if (!rt.available) console.warn(`container runtime: ${rt.reason}`);
  });

  it('a probe that hangs is cut off at the timeout', () => {
    // In a fresh process: testcontainers keeps the first runtime it found for the life of the process, so where an
    // engine answers, an earlier probe here would mask DOCKER_HOST. A non-routable address: the connect hangs.
    const probe = `const { containerRuntime } = await import(${JSON.stringify(new URL('./docker/runtime.ts', import.meta.url).href)});
      await import('testcontainers');
      const t0 = performance.now();
      const rt = await containerRuntime(300);
      console.log(JSON.stringify({ ...rt, ms: performance.now() - t0 }));`;
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', probe], {
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, DOCKER_HOST: 'tcp://10.255.255.1:2375' },
    });
    assert.equal(r.status, 0, r.stderr);
    const rt = JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') as { available: boolean; reason: string; ms: number };
    assert.ok(rt.ms < 1500, `took ${rt.ms} ms`);
    assert.equal(rt.available, false);
    assert.match(rt.reason, /DOCKER_HOST=tcp:\/\/10\.255\.255\.1:2375/);
  });

  it('--infra external without a postgres URL, or URLs with --infra local, are ConfigErrors', async () => {
    await assert.rejects(
      chooseProvider({ infra: 'external', env: {} }),
      (e: Error) => e instanceof ConfigError && /needs --postgres-url/.test(e.message),
    );
    await assert.rejects(
      chooseProvider({ infra: 'local', env: {}, urls: { redis: 'redis://127.0.0.1:6379' } }),
      (e: Error) => e instanceof ConfigError && /--redis-url is for --infra external/.test(e.message),
    );
  });

  it('a malformed URL in the environment is a ConfigError naming the variable, without the password', async () => {
    await assert.rejects(
      chooseProvider({ infra: 'external', env: { ACCESSBENCH_POSTGRES_URL: 'mysql://root:hunter2@db:3306/x' } }),
      (e: Error) => e instanceof ConfigError && /^ACCESSBENCH_POSTGRES_URL: /.test(e.message) && !e.message.includes('hunter2'),
    );
  });

  it('auto falls back to local, saying why, when the runtime answered but docker could not start', async (t) => {
    const real = await containerRuntime(2000);
    if (real.available) return void t.skip('a real runtime exists here: docker would start');
    // The injected probe claims a runtime; the docker provider's own check then finds none and start fails.
    const p = await chooseProvider({ infra: 'auto', env: {}, runtime: present });
    const infra = await p.start(['postgres']);
    try {
      assert.equal(infra.provider, 'local');
      assert.match(infra.reason, /^auto: docker failed \(docker: no container runtime \(.+\)\); using local binaries$/);
      assert.equal(infra.backends[0]?.status, 'up');
    } finally {
      await infra.stop();
      await runCleanups();
    }
  });

  it('explicit choices say they were asked for', async () => {
    const p = await chooseProvider({ infra: 'external', env: {}, urls: { postgres: 'postgres://u:p@127.0.0.1:1/db' } });
    assert.equal(p.name, 'external');
    // Nothing listens on port 1: the provider reports the primary unreachable, naming host:port and not the password.
    await assert.rejects(p.start(['postgres']), (e: Error) => /postgres at 127\.0\.0\.1:1: /.test(e.message) && !e.message.includes(':p@'));
  });
});
