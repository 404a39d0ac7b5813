// A regression made for real: the same strategy measured twice through the whole pipeline, the second time with a
// calibration cost (src/calibrate/added-cost.ts, given in the run's settings) delaying each of its requests. The comparison must flag it (and the CLI exit 1); the
// normal run compared with itself must not.
//
// Why 20 ms and not 3: with 3 trials a side, "significant" means every slowed trial lost to every normal one. On this
// shared 2-core machine (load average ~10 while others test) normal pg-join trials at 4 connections ranged from 644 to
// 1,860 req/s, and 3 ms slowed ones reached 642 — a near tie. A 20 ms delay caps the slowed run at 4 / 20 ms = 200
// req/s whatever the load, far below any normal trial, so the test checks the comparison, not the machine's mood.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { localProvider } from '../infra/local/index.ts';
import { missingPostgres, skipIfMissing } from '../testing/backends.ts';
import type { Result } from '../results/schema.ts';
import { tinyProfile } from '../testing/profile.ts';
import { runBenchmark } from '../runner/run.ts';
import { compareResults } from './compare.ts';

const SLOWDOWN_MS = 20;
const CONNECTIONS = 4;
const PROFILE = tinyProfile({ trialSec: 0.7, trials: 3, maxTrials: 3, connections: [CONNECTIONS], coldRequests: 0, micro: 'off' });
const SELECTION = [{ scenario: 'post-detail', strategies: ['pg-join'] }];
const BIN = fileURLToPath(new URL('../../bin/accessbench.js', import.meta.url));
const missing = await missingPostgres();

async function measure(waitMs: number | null): Promise<Result> {
  const settings = waitMs ? { calibration: { 'pg-join': { waitMs } } } : {};
  return runBenchmark({ selection: SELECTION, profile: PROFILE, seed: 42, provider: localProvider(), settings });
}

describe('a synthetic regression through the real pipeline', () => {
  let normal: Result | null = null;
  let slowed: Result | null = null;
  let dir = '';
  before(async () => {
    if (missing) return;
    dir = mkdtempSync(join(tmpdir(), 'ab-regression-'));
    normal = await measure(null);
    slowed = await measure(SLOWDOWN_MS);
  });
  after(() => dir && rmSync(dir, { recursive: true, force: true }));

  it('pg-join 20 ms slower per request: req/s significantly lower, a regression beyond 10 %', (t) => {
    if (skipIfMissing(t, missing) || !normal || !slowed) return;
    const c = compareResults(normal, slowed, { threshold: 0.1 });
    const e = c.entries.find((x) => x.strategy === 'pg-join');
    assert.equal(e?.kind, 'compared', JSON.stringify(e));
    const level = e?.kind === 'compared' ? e.levels[0] : undefined;
    assert.ok(level);
    assert.equal(level.rps.verdict, 'slower', `req/s ratio ${JSON.stringify(level.rps.ratio)}`);
    assert.equal(level.rps.regression, true);
    // Closed loop: each connection waits SLOWDOWN_MS per request at least, so the slowed run cannot exceed the cap.
    const cap = (CONNECTIONS * 1000) / SLOWDOWN_MS;
    assert.ok(level.rps.head.estimate <= cap * 1.05, `slowed req/s ${level.rps.head.estimate}, cap ${cap}`);
    // Not asserted: the p99 verdict. Under a loaded machine normal p99s reach 30 ms too (scheduling), so a 20 ms
    // floor need not separate them; throughput does.
    assert.ok(level.p99.head.estimate >= SLOWDOWN_MS, `slowed p99 ${level.p99.head.estimate} ms`);
    assert.deepEqual(
      c.regressions.map((r) => `${r.scenario}/${r.strategy}@${r.connections}`),
      ['post-detail/pg-join@4'],
    );
  });

  it('the normal run compared with itself: no significant change; through the CLI, exit 0 and exit 1', (t) => {
    if (skipIfMissing(t, missing) || !normal || !slowed) return;
    const self = compareResults(normal, normal, { threshold: 0.1 });
    assert.deepEqual(self.regressions, []);
    for (const e of self.entries)
      if (e.kind === 'compared') for (const l of e.levels) assert.deepEqual([l.rps.verdict, l.p99.verdict], ['no-change', 'no-change']);
    writeFileSync(join(dir, 'normal.json'), JSON.stringify(normal));
    writeFileSync(join(dir, 'slowed.json'), JSON.stringify(slowed));
    const cli = (a: string, b: string) =>
      spawnSync(process.execPath, [BIN, 'compare', join(dir, a), join(dir, b)], { encoding: 'utf8', timeout: 60_000 });
    assert.equal(cli('normal.json', 'normal.json').status, 0);
    const r = cli('normal.json', 'slowed.json');
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stderr, /^accessbench: 1 regression beyond 10 %: post-detail\/pg-join at 4 connections \(req\/s -\d/);
  });
});
