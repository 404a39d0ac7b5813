// The exact-cost gate on result files: queries per request that grew fail the comparison whatever the timed figures
// say (here they are identical), fewer queries or other bytes do not, --allow-query-growth relaxes it, and an old
// file without costs still compares. Through the CLI as CI runs it: exit 1 after printing, one line on stderr.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCommand } from '../cli/args.ts';
import type { Result, StrategyResult } from '../results/schema.ts';
import { normalizeSql, fingerprint } from '../verify/cost.ts';
import { compareResults } from './compare.ts';
import { renderMarkdown } from './render-markdown.ts';
import { baseFixture, editStrategy, headFixture } from '../testing/compare-fixtures.ts';

const USER = normalizeSql('SELECT id, username, display_name FROM users WHERE id = $1');

/** head's post-detail/pg-join fetching each comment's author one by one: 12.42 more statements per request. */
function withNPlusOne(r: Result): Result {
  return editStrategy(r, 'post-detail', 'pg-join', (s): StrategyResult => {
    if (s.status !== 'completed' || !s.cost) throw new Error('fixture pg-join has no cost');
    return {
      ...s,
      cost: {
        ...s.cost,
        queriesPerRequest: 13.42,
        queriesPerRepeat: 13.42,
        statements: [...s.cost.statements, { id: fingerprint(USER), text: USER, count: 621 }],
      },
    };
  });
}

describe('exact costs in a comparison', () => {
  it('a file compared with itself: every strategy with costs is compared and unchanged', () => {
    const c = compareResults(baseFixture(), baseFixture(), { threshold: 0.1 });
    assert.equal(c.costs.length, 6);
    assert.deepEqual(
      c.costs.filter((x) => x.changes.length + x.added.length + x.removed.length + x.recounted.length > 0),
      [],
    );
    assert.deepEqual(c.costRegressions, []);
    assert.match(renderMarkdown(c), /No change in exact costs: `post-detail\/pg-join`/);
  });

  it('an N+1 with identical timed figures: queries/request 1.00 → 13.42, the new statement, and a failing gate', () => {
    const c = compareResults(baseFixture(), withNPlusOne(headFixture()), { threshold: 0.1 });
    assert.deepEqual(c.regressions, [], 'the timed figures are identical');
    assert.deepEqual(
      c.costRegressions.map((x) => `${x.scenario}/${x.strategy}`),
      ['post-detail/pg-join'],
    );
    const x = c.costRegressions[0];
    assert.deepEqual(x?.changes, [
      { metric: 'queriesPerRequest', base: 1, head: 13.42 },
      { metric: 'queriesPerRepeat', base: 1, head: 13.42 },
    ]);
    assert.deepEqual(
      x?.added.map((s) => [s.text, s.head]),
      [[USER, 12.42]],
    );
    const md = renderMarkdown(c);
    assert.match(md, /^## accessbench: queries per request grew in 1 strategy/);
    // The exact costs lead; the timed figures follow.
    assert.ok(md.indexOf('### Exact costs') < md.indexOf('### Timed figures'), md);
    assert.match(md, /\| `post-detail\/pg-join` \| \*\*1\.00 → 13\.42\*\* \|.*\*\*fails: queries per request grew\*\*/);
    assert.match(md, /new statement \(12\.42×\/request\): `SELECT id, username, display_name FROM users WHERE id = \$1`/);
  });

  it('--allow-query-growth: shown, not failing; fewer queries never fail', () => {
    const allowed = compareResults(baseFixture(), withNPlusOne(headFixture()), { threshold: 0.1, allowQueryGrowth: true });
    assert.deepEqual(allowed.costRegressions, []);
    assert.equal(allowed.costs.find((x) => x.strategy === 'pg-join' && x.scenario === 'post-detail')?.queryGrowth, true);
    const fewer = compareResults(withNPlusOne(baseFixture()), headFixture(), { threshold: 0.1 });
    assert.deepEqual(fewer.costRegressions, []);
    assert.match(renderMarkdown(fewer), /statement removed \(was 12\.42×\/request\)/);
  });

  it('a result file without costs (written before they existed) compares; the gap is listed once', () => {
    const old = editStrategy(baseFixture(), 'post-detail', 'pg-join', (s) => {
      const { cost: _c, ...rest } = s as StrategyResult & { cost?: unknown };
      return rest as StrategyResult;
    });
    const c = compareResults(old, withNPlusOne(headFixture()), { threshold: 0.1 });
    assert.deepEqual(c.costRegressions, []);
    assert.deepEqual(
      c.costGaps.map((g) => g.strategy),
      ['pg-join', 'mongoose-naive'],
    );
  });
});

describe('accessbench compare with a grown query count', () => {
  const BIN = fileURLToPath(new URL('../../bin/accessbench.js', import.meta.url));
  let dir = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'ab-cost-'));
    writeFileSync(join(dir, 'base.json'), JSON.stringify(baseFixture()));
    writeFileSync(join(dir, 'n1.json'), JSON.stringify(withNPlusOne(headFixture())));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));
  const run = (...args: string[]) =>
    spawnSync(process.execPath, [BIN, 'compare', join(dir, 'base.json'), join(dir, 'n1.json'), ...args], {
      encoding: 'utf8',
      timeout: 60_000,
    });

  it('exit 1 after printing, one line naming the strategy and the figures; 0 with --allow-query-growth', () => {
    const r = run();
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stdout, /^! post-detail\/pg-join — queries per request grew: fails the gate$/m);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.match(
      r.stderr,
      /^accessbench: queries per request grew in 1 strategy: post-detail\/pg-join \(queries\/request 1\.00 → 13\.42, queries\/repeated request 1\.00 → 13\.42\)/,
    );
    const allowed = run('--allow-query-growth');
    assert.equal(allowed.status, 0, allowed.stderr);
    assert.match(allowed.stdout, /post-detail\/pg-join \(queries grew; allowed by --allow-query-growth\)/);
  });
});

describe('--allow-query-growth', () => {
  it('compare, ab and ci take it (off by default); ab and ci do not hand it to the run parser', () => {
    const flag = (argv: string[]): unknown => {
      const c = parseCommand(argv);
      return 'allowQueryGrowth' in c ? c.allowQueryGrowth : `no flag on ${c.name}`;
    };
    assert.equal(flag(['compare', 'a.json', 'b.json']), false);
    assert.equal(flag(['compare', 'a.json', 'b.json', '--allow-query-growth']), true);
    assert.equal(flag(['ab', '--base', 'HEAD~1', '--allow-query-growth', '--scenario', 'post-detail']), true);
    assert.equal(flag(['ab', '--base', 'HEAD~1']), false);
    assert.equal(flag(['ci', '--allow-query-growth']), true);
    assert.equal(flag(['ci']), false);
  });
});
