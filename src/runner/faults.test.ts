// Backends and strategy servers die mid-run (kill -9, as the OOM killer or a crashed container would): the run still
// finishes, records the affected strategies as degraded or failed — never as clean figures — keeps the other
// strategies' figures clean, and its cleanup still leaves no process behind.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StartedInfra } from '../core/infra.ts';
import { runCleanups } from '../core/lifecycle.ts';
import { sleep } from '../core/net.ts';
import { createRng } from '../core/rng.ts';
import { localProvider } from '../infra/local/index.ts';
import { findMongoBinary } from '../infra/local/mongo.ts';
import { findRedisServer } from '../infra/local/redis.ts';
import { missingPostgres, skipIfMissing } from '../testing/backends.ts';
import type { StrategyResult } from '../results/schema.ts';
import type { StrategyServer } from '../server/spawn.ts';
import { loadAll, startTestEnv } from '../testing/env.ts';
import { processesWithEnv } from '../testing/processes.ts';
import { verifyScenario } from '../verify/scenario.ts';
import { tinyProfile } from '../testing/profile.ts';
import { runBenchmark } from './run.ts';

const missing =
  (await missingPostgres()) ??
  (findRedisServer() ? null : 'redis-server not on PATH') ??
  (findMongoBinary() ? null : 'neither mongod nor ferretdb on PATH');

// Every process this file starts (databases, strategy servers) inherits the marker, so leftovers can be found.
const MARKER = ['ACCESSBENCH_TEST_MARKER', `faults-${randomBytes(6).toString('hex')}`] as const;
process.env[MARKER[0]] = MARKER[1];
const marker = MARKER.join('=');
// This file's own temp root (postgres, running as its own OS user, must traverse it): the run's temp dirs land here,
// and so do the working directories of redis-server and postgres, whose environ no longer shows the marker.
const TEMP = mkdtempSync(join(tmpdir(), 'ab-faults-'));
chmodSync(TEMP, 0o755);
process.env.TMPDIR = TEMP;
const runDirs = (): string[] => readdirSync(TEMP).filter((f) => f.startsWith('accessbench-'));

const PROFILE = tinyProfile();

/** The strategy server serving `strategy`, found by the config its parent put in its environment. */
function strategyServerPid(strategy: string): number | null {
  for (const p of processesWithEnv(marker)) {
    try {
      const env = readFileSync(`/proc/${p.pid}/environ`, 'utf8').split('\0');
      const config = env.find((e) => e.startsWith('ACCESSBENCH_SERVER='));
      if (config && (JSON.parse(config.slice('ACCESSBENCH_SERVER='.length)) as { strategy: string }).strategy === strategy) return p.pid;
    } catch {
      /* gone */
    }
  }
  return null;
}

async function leftovers(): Promise<Array<{ pid: number; cmd: string }>> {
  for (let i = 0; i < 20; i++) {
    const p = processesWithEnv(marker, TEMP);
    if (p.length === 0) return p;
    await sleep(250);
  }
  return processesWithEnv(marker, TEMP);
}

const errorsOf = (s: StrategyResult): number =>
  s.status === 'completed' ? s.levels.flatMap((l) => l.trials).reduce((n, t) => n + t.errors + t.non2xx + t.timeouts, 0) : NaN;

after(async () => {
  await runCleanups();
  for (const p of processesWithEnv(marker, TEMP)) process.kill(p.pid, 'SIGKILL');
  rmSync(TEMP, { recursive: true, force: true });
});

describe('a backend or strategy server killed mid-run', () => {
  it('replica, Redis, FerretDB and one strategy server killed at the start of the load: the run completes and says so', async (t) => {
    if (skipIfMissing(t, missing)) return;
    let infra: StartedInfra | null = null;
    const killed: string[] = [];
    const lines: string[] = [];
    const kill = (what: string, pid: number | null | undefined): void => {
      assert.ok(pid && pid > 0, `${what} has a pid`);
      process.kill(pid, 'SIGKILL');
      killed.push(what);
    };
    const result = await runBenchmark({
      selection: [
        {
          scenario: 'post-detail',
          strategies: ['pg-join', 'pg-replica', 'pg-cached-redis', 'mongoose-lean', 'mongoose-embedded', 'prisma-naive'],
        },
      ],
      profile: PROFILE,
      seed: 42,
      provider: localProvider(),
      onInfra: (i) => (infra = i),
      log: (line) => {
        lines.push(line);
        // Verification passed with every backend up; the load is about to start.
        if (/^post-detail: timing/.test(line) && infra) {
          kill('replica', infra.endpoints.replica?.pid);
          kill('redis', infra.endpoints.redis?.pid);
          kill('mongo', infra.endpoints.mongo?.pid);
          kill('prisma-naive server', strategyServerPid('prisma-naive'));
        }
      },
    });
    assert.deepEqual(killed, ['replica', 'redis', 'mongo', 'prisma-naive server'], lines.join('\n'));
    const byName = new Map(result.scenarios[0]?.strategies.map((s) => [s.strategy, s]));
    const clean = byName.get('pg-join');
    assert.equal(clean?.status, 'completed');
    assert.equal(errorsOf(clean as StrategyResult), 0, 'pg-join: no errors');
    assert.equal(clean?.status === 'completed' && clean.degraded, null);
    for (const [name, backend] of [
      ['pg-replica', /replica/],
      ['pg-cached-redis', /redis/i],
      ['mongoose-lean', /mongo|ferret/i],
      ['mongoose-embedded', /mongo|ferret/i],
      ['prisma-naive', /server/],
    ] as const) {
      const s = byName.get(name);
      assert.ok(s, `${name} is in the result`);
      console.log(
        `faults: ${name}: ${s.status} — ${s.status === 'completed' ? `degraded: ${s.degraded}, ${errorsOf(s)} errors` : 'reason' in s ? s.reason : ''}`,
      );
      if (s.status === 'completed') {
        assert.ok(
          s.degraded,
          `${name} is marked degraded: ${JSON.stringify(s.levels.map((l) => l.trials.map((x) => [x.requests, x.errors, x.non2xx, x.timeouts])))}`,
        );
        assert.ok(errorsOf(s) > 0 || /no response/.test(s.degraded), `${name}: errors recorded (${s.degraded})`);
      } else {
        assert.equal(s.status, 'failed', `${name}: ${JSON.stringify(s)}`);
        assert.match(s.reason, backend);
      }
    }
    assert.deepEqual(await leftovers(), [], 'no process left after the run');
    assert.deepEqual(runDirs(), [], 'no temp dir left after the run');
  });

  it('a strategy server killed during verification fails that strategy only', async (t) => {
    if (skipIfMissing(t, missing)) return;
    const env = await startTestEnv(['postgres']);
    try {
      const { scenario, strategies } = await loadAll('post-detail', ['pg-naive', 'prisma-naive', 'pg-join']);
      // step() sees every server as it starts: the one for prisma-naive dies right after it said it was ready.
      const step = async <T>(p: Promise<T>): Promise<T> => {
        const v = await p;
        const server = v as unknown as Partial<StrategyServer>;
        if (server && typeof server === 'object' && server.name === 'post-detail/prisma-naive' && typeof server.pid === 'number')
          process.kill(server.pid, 'SIGKILL');
        return v;
      };
      const verified = await verifyScenario({
        scenario,
        strategies,
        endpoints: env.infra.endpoints,
        samples: scenario.sample(env.info, 5, createRng(7)),
        factsCtx: env.factsCtx,
        step,
      });
      const status = Object.fromEntries(verified.map((v) => [v.strategy.name, v.status]));
      assert.deepEqual(status, { 'pg-naive': 'passed', 'prisma-naive': 'failed', 'pg-join': 'passed' });
      const failed = verified.find((v) => v.strategy.name === 'prisma-naive');
      assert.match(failed?.status === 'failed' ? failed.reason : '', /verification could not complete/);
      for (const v of verified) if (v.status === 'passed') await v.server.stop();
    } finally {
      await env.stop();
    }
    assert.deepEqual(await leftovers(), [], 'no process left');
  });

  it('the primary killed during the load: the run stops with a partial result naming the server, and nothing is left', async (t) => {
    if (skipIfMissing(t, missing)) return;
    let infra: StartedInfra | null = null;
    let killedAt = '';
    const lines: string[] = [];
    const result = await runBenchmark({
      selection: [
        { scenario: 'post-detail', strategies: ['pg-join', 'prisma-include'] },
        { scenario: 'feed', strategies: ['pg-join'] },
      ],
      profile: PROFILE,
      seed: 42,
      provider: localProvider(),
      onInfra: (i) => (infra = i),
      log: (line) => {
        lines.push(line);
        if (!killedAt && /^post-detail: timing/.test(line) && infra?.endpoints.postgres?.pid) {
          process.kill(infra.endpoints.postgres.pid, 'SIGKILL');
          killedAt = line;
        }
      },
    });
    assert.ok(killedAt, lines.join('\n'));
    assert.equal(result.partial, true);
    assert.match(result.stoppedBy ?? '', /the PostgreSQL primary at 127\.0\.0\.1:\d+ is gone .* while timing post-detail/);
    // Neither the scenario under way nor the next one is reported as if it had been measured.
    assert.deepEqual(
      result.scenarios.map((s) => s.name),
      [],
    );
    assert.ok(!lines.some((l) => /^feed\//.test(l)), 'feed was never verified or timed');
    assert.deepEqual(await leftovers(), [], 'no process left');
  });
});
