// feed-pages' latency against depth in a quick run, through the run's own pipeline and report: the curve has every
// depth the tiny preset has (1, 10 and its last page, 15) for each strategy, marked as a page axis, measured although
// the quick profile draws no other fan-out curve (post-detail's is left out); the report draws it and states the
// keyset-vs-OFFSET verdict with its interval.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { runCleanups } from '../../src/core/lifecycle.ts';
import { localProvider } from '../../src/infra/local/index.ts';
import { renderReport } from '../../src/report/render.ts';
import { runBenchmark } from '../../src/runner/run.ts';
import { missingPostgres, skipIfMissing } from '../../src/testing/backends.ts';
import { tinyProfile } from '../../src/testing/profile.ts';
import { PROFILES } from '../../src/runner/profiles.ts';

describe('feed-pages: the depth curve of a quick run', () => {
  after(() => runCleanups());

  it('the quick profile draws main curves only', () => {
    assert.ok(PROFILES.quick.fanoutSec > 0);
    assert.equal(PROFILES.quick.fanoutOnlyMain, true);
    assert.ok(!PROFILES.default.fanoutOnlyMain && !PROFILES.full.fanoutOnlyMain);
  });

  it('measures latency at pages 1, 10 and 15 for both pg strategies, and the report shows it with the verdict', async (t) => {
    if (skipIfMissing(t, await missingPostgres())) return;
    // The quick profile's curve settings (fanoutSec, fanoutOnlyMain) on the test profile's short trials.
    const profile = tinyProfile({ fanoutSec: PROFILES.quick.fanoutSec, trialSec: 0.5 });
    const result = await runBenchmark({
      selection: [
        { scenario: 'feed-pages', strategies: ['pg-offset', 'pg-keyset'] },
        { scenario: 'post-detail', strategies: ['pg-join'] },
      ],
      profile,
      seed: 42,
      provider: localProvider(),
    });
    const statuses = result.scenarios.flatMap((s) => s.strategies.map((x) => `${s.name}/${x.strategy}: ${x.status}`));
    assert.deepEqual(statuses, ['feed-pages/pg-offset: completed', 'feed-pages/pg-keyset: completed', 'post-detail/pg-join: completed']);
    const curve = result.fanout.filter((f) => f.scenario === 'feed-pages');
    for (const name of ['pg-offset', 'pg-keyset']) {
      const points = curve.filter((f) => f.strategy === name);
      assert.deepEqual(
        points.map((p) => p.comments),
        [1, 10, 15],
        name,
      );
      for (const p of points) {
        assert.equal(p.axis, 'page');
        assert.ok(p.p50Us > 0 && p.rps > 0, `${name} page ${p.comments}: requests completed`);
        // Server counters are read around the trial: the query of a request still in flight at its end counts too.
        assert.ok(Math.abs(p.queriesPerRequest - 1) < 0.05, `${name} page ${p.comments}: ${p.queriesPerRequest} queries/request`);
      }
    }
    assert.deepEqual(
      result.fanout.filter((f) => f.scenario === 'post-detail'),
      [],
      "post-detail's fan-out curve is not drawn by the quick profile",
    );
    const html = await renderReport([result]);
    assert.match(html, /Latency vs page depth/);
    assert.match(html, /Keyset vs OFFSET at 2 connections on pages 1–15: pg-keyset (serves [0-9.]+× the req\/s of|and) pg-offset/);
    assert.match(html, /CI [0-9.]+–[0-9.]+×/);
    assert.match(html, /one request for page 15 takes [0-9.]+ [µm]s with pg-keyset vs [0-9.]+ [µm]s with pg-offset \(p50\)/);
  });
});
