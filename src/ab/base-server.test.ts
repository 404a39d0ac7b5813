// What `ab` relies on to run the base commit's code: a strategy server forked from ANOTHER tree (its main.ts, its
// tsx, its working directory), a clear failure when that tree's server does not start, and git refs resolved or
// refused with a reason.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Ctx } from '../core/context.ts';
import { AccessbenchError, ConfigError } from '../core/errors.ts';
import { runCleanups } from '../core/lifecycle.ts';
import { loadScenario, ROOT } from '../core/registry.ts';
import { startStrategyServer } from '../server/spawn.ts';
import { verifyScenario } from '../verify/scenario.ts';
import { zeroUnreported } from './unreported.ts';
import { baseFixture, strategyOf } from '../testing/compare-fixtures.ts';
import { resolveRef } from './worktree.ts';

// A minimal "other checkout": its main.ts speaks the parent's start-up protocol and says which tree it runs from.
const FAKE_MAIN = `
import { createServer } from 'node:http';
const config: { strategy: string } = JSON.parse(process.env.ACCESSBENCH_SERVER ?? '{}');
const server = createServer((_req, res) => res.end(JSON.stringify({ tree: 'other', cwd: process.cwd(), strategy: config.strategy })));
server.listen(0, '127.0.0.1', () => {
  const a = server.address();
  process.send?.({ type: 'ready', port: typeof a === 'object' && a ? a.port : 0 });
});
process.on('SIGTERM', () => process.exit(0));
`;
const BROKEN_MAIN = `throw new Error('unknown config field: strategy');\n`;

function fakeTree(dir: string, main: string): string {
  mkdirSync(join(dir, 'src', 'server'), { recursive: true });
  writeFileSync(join(dir, 'src', 'server', 'main.ts'), main);
  // Its own node_modules, as `ab` gives the base worktree (linked when package-lock.json is the same).
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

describe('startStrategyServer with another tree as root', () => {
  let tmp = '';
  before(() => {
    tmp = mkdtempSync(join(tmpdir(), 'ab-tree-'));
  });
  after(async () => {
    await runCleanups();
    rmSync(tmp, { recursive: true, force: true });
  });

  it("forks that tree's src/server/main.ts, from that tree", async () => {
    const root = fakeTree(join(tmp, 'ok'), FAKE_MAIN);
    const server = await startStrategyServer({ scenario: 'post-detail', strategy: 'pg-join', endpoints: {}, settings: {} }, 30_000, root);
    try {
      const reply = (await (await fetch(server.baseUrl)).json()) as { tree: string; cwd: string; strategy: string };
      assert.deepEqual(reply, { tree: 'other', cwd: realpathSync(root), strategy: 'pg-join' });
    } finally {
      await server.stop();
    }
    assert.equal(server.isRunning(), false);
  });

  it('a tree whose server cannot start fails at once, not after the start-up timeout', async () => {
    const root = fakeTree(join(tmp, 'broken'), BROKEN_MAIN);
    const t0 = performance.now();
    await assert.rejects(
      startStrategyServer({ scenario: 'post-detail', strategy: 'pg-join', endpoints: {}, settings: {} }, 30_000, root),
      /post-detail\/pg-join server exited during start-up/,
    );
    assert.ok(performance.now() - t0 < 20_000, 'the exit is noticed, the 30 s timeout is not waited out');
  });

  it("verifying from such a tree stops at its reference's server, with the caller's error", async () => {
    const root = fakeTree(join(tmp, 'broken-reference'), BROKEN_MAIN);
    const verifying = verifyScenario({
      scenario: await loadScenario('post-detail'),
      strategies: [],
      endpoints: {},
      samples: [],
      factsCtx: {} as Ctx,
      root,
      referenceFailed: (e) => new AccessbenchError(`the base cannot be measured: ${e.message}`),
    });
    await assert.rejects(
      verifying,
      (e: Error) => e instanceof AccessbenchError && /^the base cannot be measured: .*exited during start-up/.test(e.message),
    );
  });
});

describe('resolveRef', () => {
  it('names a commit, or says why not', async () => {
    assert.match(await resolveRef('HEAD'), /^[0-9a-f]{40}$/);
    await assert.rejects(
      resolveRef('no-such-branch-4b1d'),
      (e: Error) => e instanceof ConfigError && /does not name a commit.*fetch-depth: 0/.test(e.message),
    );
    await assert.rejects(resolveRef('--output=/tmp/x'), ConfigError);
  });
});

describe('zeroUnreported', () => {
  it("a counter the base's older server does not report (NaN per request) is recorded as 0 and named", () => {
    const s = structuredClone(strategyOf(baseFixture(), 'post-detail', 'pg-join'));
    assert.equal(s.status, 'completed');
    if (s.status !== 'completed') return;
    const server = {
      queriesPerRequest: 1,
      rowsPerRequest: 40,
      rowsWrittenPerRequest: 0,
      dbMicrosPerRequest: NaN,
      gcMicrosPerRequest: 12,
      bytesPerResponse: 900,
      cpuMicrosPerRequest: 300,
      cpuCores: 0.8,
      rssBytes: 1e8,
      eventLoopP99Ms: 11,
      cacheHitRatio: null,
    };
    for (const l of s.levels) for (const t of l.trials) t.server = { ...server };
    assert.deepEqual(zeroUnreported(s.levels), ['dbMicrosPerRequest']);
    for (const l of s.levels) for (const t of l.trials) assert.deepEqual(t.server, { ...server, dbMicrosPerRequest: 0 });
    assert.deepEqual(zeroUnreported(s.levels), [], 'nothing left to fix');
  });
});
