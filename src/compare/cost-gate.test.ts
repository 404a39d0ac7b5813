// The exact-cost gate through the real pipeline (real PostgreSQL, real strategy servers, verification, load):
// post-detail/pg-join measured as it is ("base"), then measured from a copy of this tree in which pg-join fetches
// each comment's author one by one ("head", src/testing/n-plus-one/pg-join.ts — the same payload, so verification
// passes). `compare` must exit 1 on the query count alone: also when head's timed figures are replaced by base's, so
// that no timing difference can be what failed it. The base compared with itself exits 0 with no change in costs.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ROOT } from '../core/registry.ts';
import { localProvider } from '../infra/local/index.ts';
import { missingPostgres, skipIfMissing } from '../testing/backends.ts';
import type { Result } from '../results/schema.ts';
import { tinyProfile } from '../testing/profile.ts';
import { runBenchmark, type RunOptions } from '../runner/run.ts';

const PROFILE = tinyProfile({ warmupSec: 0.2, trialSec: 0.4, trials: 2, maxTrials: 2, coldRequests: 0, micro: 'off' });
const SELECTION = [{ scenario: 'post-detail', strategies: ['pg-join'] }];
const BIN = fileURLToPath(new URL('../../bin/accessbench.js', import.meta.url));
const missing = await missingPostgres();

/** A copy of the tree with pg-join replaced by the N+1 fixture; node_modules shared. */
function headTree(dir: string): string {
  const root = join(dir, 'head');
  for (const d of ['src', 'scenarios', 'datasets', 'bin']) cpSync(join(ROOT, d), join(root, d), { recursive: true });
  for (const f of ['package.json', 'tsconfig.json']) copyFileSync(join(ROOT, f), join(root, f));
  symlinkSync(join(ROOT, 'node_modules'), join(root, 'node_modules'), 'dir');
  copyFileSync(join(ROOT, 'src/testing/n-plus-one/pg-join.ts'), join(root, 'scenarios/post-detail/postgres/pg-join.ts'));
  return root;
}

const pgJoin = (r: Result) => r.scenarios[0]?.strategies.find((s) => s.strategy === 'pg-join');

describe('an N+1 slipped into pg-join, through the real pipeline', () => {
  let dir = '';
  let base: Result | null = null;
  let head: Result | null = null;
  before(async () => {
    if (missing) return;
    dir = mkdtempSync(join(tmpdir(), 'ab-cost-gate-'));
    chmodSync(dir, 0o755);
    const opts: RunOptions = { selection: SELECTION, profile: PROFILE, seed: 42, provider: localProvider() };
    base = await runBenchmark(opts);
    const root = headTree(dir);
    const other = (await import(pathToFileURL(join(root, 'src/runner/run.ts')).href)) as typeof import('../runner/run.ts');
    const otherInfra = (await import(
      pathToFileURL(join(root, 'src/infra/local/index.ts')).href
    )) as typeof import('../infra/local/index.ts');
    head = await other.runBenchmark({ ...opts, provider: otherInfra.localProvider() });
  });
  after(() => dir && rmSync(dir, { recursive: true, force: true }));

  const cli = (a: string, b: string) =>
    spawnSync(process.execPath, [BIN, 'compare', join(dir, a), join(dir, b)], { encoding: 'utf8', timeout: 60_000 });

  it('both verify; head issues one statement per comment more, as measured (not declared)', (t) => {
    if (skipIfMissing(t, missing) || !base || !head) return;
    const b = pgJoin(base);
    const h = pgJoin(head);
    assert.equal(b?.status, 'completed', JSON.stringify(b));
    assert.equal(h?.status, 'completed', JSON.stringify(h));
    if (b?.status !== 'completed' || h?.status !== 'completed' || !b.cost || !h.cost) return assert.fail('no cost recorded');
    assert.match(h.source.text, /TEST FIXTURE/);
    assert.equal(b.cost.queriesPerRequest, 1);
    assert.ok(h.cost.queriesPerRequest > 2, `head queries/request ${h.cost.queriesPerRequest}`);
    // Not asserted: equal bytes. PostgreSQL's json_build_object text has spaces JSON.stringify leaves out.
    assert.ok(h.cost.statements.some((s) => s.text === 'SELECT id, username, display_name FROM users WHERE id = $1'));
  });

  it('compare exits 1 on the query count alone — with identical timed figures too; base against itself exits 0', (t) => {
    if (skipIfMissing(t, missing) || !base || !head) return;
    const sameTiming = structuredClone(head);
    const b = pgJoin(base);
    const h = pgJoin(sameTiming);
    if (b?.status !== 'completed' || h?.status !== 'completed') return assert.fail('not completed');
    h.levels = structuredClone(b.levels);
    writeFileSync(join(dir, 'base.json'), JSON.stringify(base));
    writeFileSync(join(dir, 'head.json'), JSON.stringify(head));
    writeFileSync(join(dir, 'head-same-timing.json'), JSON.stringify(sameTiming));
    for (const file of ['head.json', 'head-same-timing.json']) {
      const r = cli('base.json', file);
      assert.equal(r.status, 1, `${file}: ${r.stdout}\n${r.stderr}`);
      assert.match(
        r.stderr,
        /^accessbench: queries per request grew in 1 strategy[^:]*: post-detail\/pg-join \(queries\/request 1\.00 → \d+\.\d\d/,
      );
      assert.match(r.stdout, /new statement \(\d+\.\d\d×\/request\): SELECT id, username, display_name FROM users WHERE id = \$1/);
    }
    const timing = cli('base.json', 'head-same-timing.json');
    assert.doesNotMatch(timing.stdout, /regression beyond/, 'nothing timed failed it');
    const self = cli('base.json', 'base.json');
    assert.equal(self.status, 0, self.stderr);
    assert.match(self.stdout, /no change: post-detail\/pg-join/);
  });
});
