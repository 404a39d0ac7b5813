// The staleness and refresh cost figures: per-strategy sums and medians over trials, refresh cost per refresh, and the
// verdict's wording against the reference, from hand-built trials whose answers are known.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { freshnessRows, freshnessVerdict } from './model/freshness.ts';
import type { RankedRow, ScenarioView } from './model/scenario.ts';

interface TrialShape {
  stale: number;
  checks: number;
  ages?: number[];
  refresh?: { count: number; micros: number; walBytes: number; dbCpuMicros?: number | null } | null;
}

function row(strategy: string, rps: [number, number, number], trials: TrialShape[]): RankedRow {
  const level = {
    connections: 8,
    summary: { rps: { estimate: rps[0], low: rps[1], high: rps[2] } },
    trials: trials.map((t, index) => ({
      index,
      durationSec: 2,
      server: { refresh: t.refresh ?? null },
      mixed: { reads: 90, writes: 10, staleReads: t.stale, staleChecks: t.checks, staleAgesMs: t.ages },
    })),
  };
  return { strategy: { strategy }, level } as unknown as RankedRow;
}

const view = (ranked: RankedRow[]): ScenarioView =>
  ({ scenario: { name: 'user-summary-mixed', reference: 'pg-join' }, ranked }) as unknown as ScenarioView;

const join = row(
  'pg-join',
  [1000, 950, 1050],
  [
    { stale: 0, checks: 40 },
    { stale: 0, checks: 60 },
  ],
);

describe('staleness and refresh cost', () => {
  it('sums stale reads, pools their ages, and divides refresh cost by refreshes', () => {
    const mv = row(
      'pg-matview',
      [1500, 1400, 1600],
      [
        { stale: 3, checks: 10, ages: [100, 300, 900], refresh: { count: 2, micros: 100_000, walBytes: 4096, dbCpuMicros: 90_000 } },
        { stale: 1, checks: 10, ages: [200], refresh: { count: 1, micros: 80_000, walBytes: 2048, dbCpuMicros: 30_000 } },
      ],
    );
    const rows = freshnessRows(view([mv, join]));
    const f = rows.find((r) => r.strategy === 'pg-matview');
    assert.ok(f);
    assert.deepEqual([f.staleReads, f.staleChecks], [4, 20]);
    assert.equal(f.ageP50Ms, 250);
    assert.equal(f.ageMaxMs, 900);
    assert.deepEqual(f.refresh, { perTrial: 1.5, perSecond: 0.75, msPerRefresh: 60, walBytesPerRefresh: 2048, cpuMsPerRefresh: 40 });
    assert.equal(rows.find((r) => r.strategy === 'pg-join')?.refresh, null);
    const v = freshnessVerdict(view([mv, join]));
    assert.match(v ?? '', /^pg-matview serves user-summary-mixed 1\.50× faster than pg-join \(CI 1\.33–1\.68×\) with/);
    assert.match(v ?? '', /20\.0 % of reads of just-written items stale \(age p50 250.0 ms, max 900.0 ms\)/);
    assert.match(v ?? '', /refreshing 0\.75 times a second at 60\.0 ms \(40\.0 ms of database CPU\) and 2\.0 KiB of WAL each/);
  });

  it('says so when the intervals overlap, and when no refresh ran during the trials', () => {
    const mv = row('pg-matview', [1020, 900, 1100], [{ stale: 0, checks: 5, ages: [], refresh: { count: 0, micros: 0, walBytes: 0 } }]);
    const v = freshnessVerdict(view([mv, join]));
    assert.match(v ?? '', /at a rate the data cannot tell apart from pg-join/);
    assert.match(v ?? '', /no refresh ran during its trials/);
  });

  it('has no rows, and no verdict, when no strategy refreshes anything', () => {
    assert.deepEqual(freshnessRows(view([join])), []);
    assert.equal(freshnessVerdict(view([join])), null);
  });
});
