// Whole runs on the docker provider, where a container runtime exists: a container killed mid-run is reported like
// a killed local server (its strategies degraded or failed, the run completes), and Ctrl-C or a failed start leaves
// no container, network or volume behind. testcontainers' reaper is off where its image cannot be pulled, so the
// provider's own cleanup is what these check, by listing what the engine holds before and after.
import { before, describe, it, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StartedInfra } from '../../core/infra.ts';
import { runCleanups } from '../../core/lifecycle.ts';
import { sleep } from '../../core/net.ts';
import { tinyProfile } from '../../testing/profile.ts';
import { runBenchmark } from '../../runner/run.ts';
import type { StrategyResult } from '../../results/schema.ts';
import { skipIfMissing } from '../../testing/backends.ts';
import { dockerProvider } from './index.ts';
import { containerRuntime, type RuntimeStatus } from './runtime.ts';
import { ENGINE_ANSWER_MS, dockerResources } from '../../testing/docker.ts';

const BIN = fileURLToPath(new URL('../../../bin/accessbench.js', import.meta.url));
const PROFILE = tinyProfile();
const errorsOf = (s: StrategyResult): number =>
  s.status === 'completed' ? s.levels.reduce((n, l) => n + l.trials.reduce((m, t) => m + t.errors + t.non2xx + t.timeouts, 0), 0) : 0;

/** The CLI as a user runs it, until it exits: its exit code and output; `onLine` sees each stderr line. */
function cli(
  args: string[],
  env: NodeJS.ProcessEnv,
  onLine: (line: string, kill: () => void) => void = () => {},
  onSpawn: (kill: () => void) => void = () => {},
) {
  const work = mkdtempSync(join(tmpdir(), 'ab-docker-run-'));
  const child = spawn(process.execPath, [BIN, 'run', '--out', join(work, 'results'), '--report', join(work, 'r.html'), ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  onSpawn(() => child.kill('SIGINT'));
  let out = '';
  let partial = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => {
    out += c.toString();
    const lines = (partial + c.toString()).split('\n');
    partial = lines.pop() ?? '';
    for (const l of lines) onLine(l, () => child.kill('SIGINT'));
  });
  return new Promise<{ code: number | null; out: string; results: string[] }>((resolve) =>
    child.on('exit', (code) => {
      const results = readdirSync(work).includes('results') ? readdirSync(join(work, 'results')) : [];
      rmSync(work, { recursive: true, force: true });
      resolve({ code, out, results });
    }),
  );
}

describe('docker provider: whole runs (needs a container runtime)', () => {
  let rt: RuntimeStatus;
  before(async () => void (rt = await containerRuntime(ENGINE_ANSWER_MS)));
  const skipped = (t: TestContext): boolean => skipIfMissing(t, rt.available ? null : `no container runtime: ${rt.reason}`);

  it('replica, Redis and Mongo containers killed as the load starts: strategies degraded or failed, the run completes', async (t) => {
    if (skipped(t)) return;
    const before0 = await dockerResources();
    let infra: StartedInfra | null = null;
    const killed: string[] = [];
    const lines: string[] = [];
    try {
      const result = await runBenchmark({
        selection: [{ scenario: 'post-detail', strategies: ['pg-join', 'pg-replica', 'pg-cached-redis', 'mongoose-lean'] }],
        profile: PROFILE,
        seed: 42,
        provider: dockerProvider(),
        onInfra: (i) => (infra = i),
        log: (line) => {
          lines.push(line);
          if (/^post-detail: timing/.test(line) && infra && killed.length === 0) {
            for (const need of ['replica', 'redis', 'mongo'] as const) {
              const pid = infra.endpoints[need]?.pid;
              assert.ok(pid && pid > 0, `${need} container has a pid`);
              process.kill(pid, 'SIGKILL'); // the container's main process: the container dies with it
              killed.push(need);
            }
          }
        },
      });
      assert.deepEqual(killed, ['replica', 'redis', 'mongo'], lines.join('\n'));
      const byName = new Map(result.scenarios[0]?.strategies.map((s) => [s.strategy, s]));
      const clean = byName.get('pg-join');
      assert.equal(clean?.status, 'completed');
      assert.equal(clean?.status === 'completed' && clean.degraded, null, 'pg-join is not touched');
      assert.equal(errorsOf(clean as StrategyResult), 0);
      for (const [name, backend] of [
        ['pg-replica', /replica/],
        ['pg-cached-redis', /redis/i],
        ['mongoose-lean', /mongo|ferret/i],
      ] as const) {
        const s = byName.get(name);
        assert.ok(s, name);
        if (s.status === 'completed') {
          assert.ok(s.degraded, `${name} is marked degraded`);
        } else {
          assert.equal(s.status, 'failed', `${name}: ${JSON.stringify(s)}`);
          assert.match(s.reason, backend);
        }
      }
    } finally {
      await runCleanups();
    }
    assert.deepEqual(await dockerResources(), before0, 'no container, network or volume left');
  });

  it('Ctrl-C while the servers are being seeded: exit 130, no result, nothing left in the engine', async (t) => {
    if (skipped(t)) return;
    const before0 = await dockerResources();
    let sent = false;
    const r = await cli(
      ['--infra', 'docker', '--profile', 'quick', '--strategy', 'pg-join,pg-replica,pg-cached-redis,mongoose-lean'],
      {},
      (line, kill) => {
        if (!sent && /^seed: /.test(line)) {
          sent = true;
          kill();
        }
      },
    );
    assert.ok(sent, `the run reached seeding: ${r.out.slice(-2000)}`);
    assert.equal(r.code, 130, r.out.slice(-2000));
    assert.deepEqual(r.results, []);
    assert.deepEqual(await dockerResources(), before0, 'no container, network or volume left');
  });

  it('Ctrl-C while the containers are still starting (healthchecks not passed yet): exit 130, nothing left', async (t) => {
    if (skipped(t)) return;
    const before0 = await dockerResources();
    let sent = false;
    let watching = true;
    const r = await cli(
      ['--infra', 'docker', '--profile', 'quick', '--strategy', 'pg-join,pg-cached-redis,mongoose-lean'],
      {},
      undefined,
      (kill) => {
        void (async () => {
          while (watching && !sent) {
            const now = await dockerResources();
            if (now.some((x) => x.startsWith('container ') && !before0.includes(x))) {
              sent = true;
              kill();
            }
            await sleep(100);
          }
        })();
      },
    );
    watching = false;
    assert.ok(sent, `a container appeared: ${r.out.slice(-2000)}`);
    assert.doesNotMatch(r.out, /^infra: postgres up/m, 'the signal came before the servers were up');
    assert.equal(r.code, 130, r.out.slice(-2000));
    assert.deepEqual(await dockerResources(), before0, 'no container, network or volume left');
  });

  it('an image that does not exist: one clear line naming it, non-zero exit, nothing left in the engine', async (t) => {
    if (skipped(t)) return;
    const before0 = await dockerResources();
    const image = 'localhost/accessbench-no-such-image:0';
    const r = await cli(['--infra', 'docker', '--profile', 'quick', '--strategy', 'pg-join,pg-cached-redis,mongoose-lean'], {
      ACCESSBENCH_POSTGRES_IMAGE: image,
    });
    assert.notEqual(r.code, 0);
    const errorLine = r.out.split('\n').find((l) => l.includes(image)) ?? '';
    assert.match(errorLine, /postgres primary failed to start/, r.out.slice(-2000));
    assert.equal(errorLine.length < 400, true, `one line: ${errorLine}`);
    assert.deepEqual(r.results, []);
    assert.deepEqual(await dockerResources(), before0, 'the Redis and Mongo containers started alongside are removed');
  });
});
