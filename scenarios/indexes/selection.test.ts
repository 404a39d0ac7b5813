// Naming the indexes scenario's contenders: `strategy@variant`, a strategy alone meaning it on every variant, the
// default profile's subset, and an unknown variant answered with one line and exit 2. No database is needed.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveSelection } from '../../src/cli/run.ts';
import { ConfigError } from '../../src/core/errors.ts';
import { loadScenario, loadStrategy, strategySource } from '../../src/core/registry.ts';
import { splitVariant, variantSql } from '../../src/core/variants.ts';
import { planFigures } from '../../src/runner/variants.ts';

const BIN = fileURLToPath(new URL('../../bin/accessbench.js', import.meta.url));
const VARIANTS = ['as-seeded', 'no-fk-indexes', 'extra-indexes'];
const pick = async (profile: 'quick' | 'default' | 'full', strategies: string[] = []) =>
  (await resolveSelection({ scenarios: ['indexes'], strategies, profile }))[0]?.strategies ?? [];

describe('indexes: contenders and their names', () => {
  it('declares three variants, the first the database as seeded; the reference runs on it', async () => {
    const s = await loadScenario('indexes');
    assert.deepEqual(Object.keys(s.dbVariants?.variants ?? {}), VARIANTS);
    assert.equal(s.reference, 'pg-join@as-seeded');
    assert.deepEqual(variantSql(s, 'pg-join@as-seeded'), []);
    assert.ok(variantSql(s, 'pg-join@no-fk-indexes').some((q) => /DROP INDEX comments_post_id_created_at_id_idx/.test(q)));
    assert.ok(variantSql(s, 'pg-join@extra-indexes').every((q) => /^CREATE INDEX/.test(q)));
  });

  it('a contender is its strategy file, renamed; its source is that file', async () => {
    const { strategy } = await loadStrategy('indexes', 'pg-naive@no-fk-indexes');
    const plain = (await loadStrategy('post-detail', 'pg-naive')).strategy;
    assert.equal(strategy.name, 'pg-naive@no-fk-indexes');
    assert.equal(strategy.read, plain.read);
    assert.equal(strategySource('post-detail', strategy.name).path, 'scenarios/post-detail/postgres/pg-naive.ts');
    assert.deepEqual(splitVariant('pg-join@extra-indexes@base'), { strategy: 'pg-join', variant: 'extra-indexes' });
  });

  it('the default run measures pg-join on every variant; full adds prisma-include and pg-naive', async () => {
    assert.deepEqual(
      await pick('default'),
      VARIANTS.map((v) => `pg-join@${v}`),
    );
    const full = await pick('full');
    assert.equal(full.length, 9);
    for (const s of ['pg-join', 'prisma-include', 'pg-naive']) for (const v of VARIANTS) assert.ok(full.includes(`${s}@${v}`), `${s}@${v}`);
  });

  it('a strategy named without a variant is that strategy on every variant; with one, only that contender', async () => {
    assert.deepEqual(
      await pick('default', ['pg-naive']),
      VARIANTS.map((v) => `pg-naive@${v}`),
    );
    assert.deepEqual(await pick('default', ['prisma-include@no-fk-indexes']), ['prisma-include@no-fk-indexes']);
  });

  it('an unknown variant is a ConfigError naming the valid ones', async () => {
    await assert.rejects(pick('default', ['pg-join@no-indexes']), (e: Error) => {
      assert.ok(e instanceof ConfigError);
      assert.match(e.message, /unknown variant "no-indexes" for indexes \(valid: as-seeded, no-fk-indexes, extra-indexes\)/);
      return true;
    });
    await assert.rejects(loadStrategy('indexes', 'pg-join@nope'), /unknown variant "nope"/);
    await assert.rejects(loadStrategy('post-detail', 'pg-join@nope'), /post-detail has no database variants/);
  });

  it("reads a plan's figures from the top node, not its children", () => {
    const text = [
      'Hash Join  (cost=8.18..97.03 rows=1 width=32) (actual time=0.546..0.571 rows=1 loops=1)',
      '  Buffers: shared hit=64 read=3',
      '  ->  Seq Scan on users u  (cost=0.00..2.60 rows=60 width=35) (actual time=0.005..0.010 rows=60 loops=1)',
      '        Buffers: shared hit=2',
      'Planning Time: 1.250 ms',
      'Execution Time: 0.629 ms',
    ].join('\n');
    assert.deepEqual(planFigures(text), { planningMs: 1.25, executionMs: 0.629, sharedHit: 64, sharedRead: 3 });
    assert.deepEqual(planFigures('Result  (actual time=0.001..0.001 rows=1 loops=1)\nExecution Time: 0.010 ms'), {
      planningMs: null,
      executionMs: 0.01,
      sharedHit: null,
      sharedRead: null,
    });
  });

  for (const strategy of ['pg-join@no-indexes', 'mongoose-lean@as-seeded']) {
    it(`run --scenario indexes --strategy ${strategy} → one line on stderr, exit 2, nothing written`, () => {
      const cwd = mkdtempSync(join(tmpdir(), 'ab-indexes-cli-'));
      try {
        const r = spawnSync(process.execPath, [BIN, 'run', '--scenario', 'indexes', '--strategy', strategy], {
          encoding: 'utf8',
          cwd,
          timeout: 60_000,
        });
        assert.equal(r.status, 2, `exit code (stderr: ${r.stderr})`);
        const lines = r.stderr.trim().split('\n');
        assert.equal(lines.length, 1, r.stderr);
        assert.match(lines[0] as string, /^accessbench: unknown (variant|strategy)/);
        assert.deepEqual(readdirSync(cwd), []);
      } finally {
        rmSync(cwd, { recursive: true, force: true });
      }
    });
  }
});
