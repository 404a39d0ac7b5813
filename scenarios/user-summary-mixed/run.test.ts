// A quick run of user-summary-mixed through the real pipeline (tiny preset, local servers): every trial carries the
// stale-read probe's figures, pg-matview's trials carry its refreshes, a read of the primary is never stale, and the
// report shows the staleness and refresh cost section with its verdict and chart.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { localProvider } from '../../src/infra/local/index.ts';
import { renderReport } from '../../src/report/render.ts';
import type { Result } from '../../src/results/schema.ts';
import { runBenchmark } from '../../src/runner/run.ts';
import { missingPostgres, skipIfMissing } from '../../src/testing/backends.ts';
import { tinyProfile } from '../../src/testing/profile.ts';

const missing = await missingPostgres();

describe('user-summary-mixed: a quick run has stale-read and refresh figures', () => {
  let result: Result | null = null;
  before(async () => {
    if (missing) return;
    result = await runBenchmark({
      selection: [{ scenario: 'user-summary-mixed', strategies: ['pg-join', 'pg-matview'] }],
      profile: tinyProfile({ warmupSec: 0.3, trialSec: 1, trials: 2, maxTrials: 2, coldRequests: 0, micro: 'off' }),
      seed: 42,
      provider: localProvider(),
    });
  });

  const trialsOf = (name: string) => {
    const s = result?.scenarios[0]?.strategies.find((x) => x.strategy === name);
    assert.equal(s?.status, 'completed', JSON.stringify(s));
    return s?.status === 'completed' ? s.levels.flatMap((l) => l.trials) : [];
  };

  it('every trial probed staleness; reads of the primary are never stale', (t) => {
    if (skipIfMissing(t, missing)) return;
    for (const name of ['pg-join', 'pg-matview']) {
      const trials = trialsOf(name);
      assert.ok(trials.length >= 2, `${name}: ${trials.length} trials`);
      for (const trial of trials) {
        assert.ok(trial.mixed, `${name}: trial ${trial.index} has mixed figures`);
        assert.ok(trial.mixed.writes > 0, `${name}: trial ${trial.index} wrote`);
        assert.ok(Array.isArray(trial.mixed.staleAgesMs), `${name}: stale ages recorded`);
        assert.equal(trial.mixed.staleAgesMs?.length, trial.mixed.staleReads, `${name}: one age per stale read`);
      }
      assert.ok(trials.reduce((n, x) => n + (x.mixed?.staleChecks ?? 0), 0) > 0, `${name}: the probe checked reads`);
    }
    assert.equal(
      trialsOf('pg-join').reduce((n, x) => n + (x.mixed?.staleReads ?? 0), 0),
      0,
    );
  });

  it("pg-matview's trials record its refreshes; pg-join's record none", (t) => {
    if (skipIfMissing(t, missing)) return;
    for (const trial of trialsOf('pg-matview')) {
      // Verification's write waited for a refresh, so the server has refreshed before any trial.
      assert.ok(trial.server?.refresh, `trial ${trial.index} has refresh figures`);
      assert.ok(trial.server.refresh.count >= 0);
      // Local servers: the refreshing backend's CPU is read from /proc for every refresh.
      if (trial.server.refresh.count > 0)
        assert.equal(typeof trial.server.refresh.dbCpuMicros, 'number', JSON.stringify(trial.server.refresh));
    }
    for (const trial of trialsOf('pg-join')) assert.equal(trial.server?.refresh ?? null, null);
  });

  it('the report shows the staleness and refresh cost section, its verdict and its chart', async (t) => {
    if (skipIfMissing(t, missing) || !result) return;
    const page = await renderReport([result]);
    assert.match(page, /Staleness and refresh cost/);
    assert.match(page, /pg-matview serves user-summary-mixed [^<]*pg-join \([^<]*CI [^<]*stale/);
    assert.match(page, /Read throughput against staleness/);
  });
});
