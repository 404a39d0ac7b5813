// bulk-write through the whole pipeline at the tests' tiny profile: every timed request is a bulk write, each strategy
// on its own database copy; the result names the write route, records rows and WAL per write and the write's
// statements; the report shows the rows/s section with its verdict and trade-off chart.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { localProvider } from '../../src/infra/local/index.ts';
import { renderReport } from '../../src/report/render.ts';
import { runBenchmark } from '../../src/runner/run.ts';
import { missingPostgres, skipIfMissing } from '../../src/testing/backends.ts';
import { tinyProfile } from '../../src/testing/profile.ts';

const missing = await missingPostgres();

describe('bulk-write, a quick run', () => {
  it('times bulk writes only and reports rows per second, WAL per row and the statements of a write', async (t) => {
    if (skipIfMissing(t, missing)) return;
    const result = await runBenchmark({
      selection: [{ scenario: 'bulk-write', strategies: ['pg-unnest', 'pg-row-loop'] }],
      profile: tinyProfile({ warmupSec: 0.2, trialSec: 0.5, trials: 2, maxTrials: 2, micro: 'off', writeRatio: 0.1 }),
      seed: 42,
      provider: localProvider(),
    });
    const scenario = result.scenarios[0];
    assert.ok(scenario);
    assert.equal(scenario.route, 'POST /posts/:id/comments/bulk');
    // Its own ratio: --write-ratio (here 10 %) is the mixed scenario's, not a write-only one's.
    assert.equal(scenario.writeRatio, 1);
    const statements = { 'pg-unnest': 1, 'pg-row-loop': 100 } as Record<string, number>;
    for (const s of scenario.strategies) {
      assert.equal(s.status, 'completed', `${s.strategy}: ${'reason' in s ? s.reason : ''}`);
      if (s.status !== 'completed') continue;
      assert.equal(s.cold, null, 'no cold reads for a write-only load');
      assert.match(s.captured?.params ?? '', /\(write\)$/);
      assert.equal(s.captured?.statements.filter((x) => x.startsWith('INSERT INTO comments')).length, statements[s.strategy]);
      for (const trial of s.levels[0]?.trials ?? []) {
        assert.equal(trial.errors + trial.non2xx, 0, s.strategy);
        assert.equal(trial.mixed?.reads, 0, s.strategy);
        assert.equal(trial.mixed?.writes, trial.requests, s.strategy);
        assert.equal(trial.mixed?.rowsWrittenPerWrite, 100, s.strategy);
        assert.equal(trial.server?.queriesPerRequest, statements[s.strategy], s.strategy);
        // At least the rows' heap tuples and their three index entries: far more than 100 bytes a row.
        const perWrite = (trial.mixed?.walBytes ?? 0) / trial.requests;
        assert.ok(perWrite > 100 * 100, `${s.strategy}: WAL ${perWrite} bytes per write`);
      }
    }
    const page = await renderReport([result]);
    assert.match(page, /Rows stored per second/);
    assert.match(page, /At 2 connections and 100 rows per request, pg-(unnest|row-loop) (stores|\()/);
    assert.match(page, /bulk-write-bulk/, 'the rows/s against statements chart');
  });
});
