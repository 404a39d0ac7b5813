// The keyset-vs-OFFSET verdict (model/paging.ts) on a fixture result: pairs by client, the interval of each ratio,
// "cannot be told apart" when it includes 1, the deepest page's latencies from the depth curve, nothing for a
// scenario without such pairs.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LoadLevel, Result, StrategyResult } from '../results/schema.ts';
import { buildFixtureResult } from '../testing/report-fixtures/result.ts';
import { buildScenarioView } from './model/scenario.ts';
import { pagingVerdict, withPagingVerdict } from './model/paging.ts';

function pagingResult(): Result {
  const r = buildFixtureResult();
  const base = r.scenarios[0]?.strategies.find((s) => s.status === 'completed');
  if (base?.status !== 'completed' || !base.levels[0]) throw new Error('fixture changed');
  const at = (rps: number, spread: number): LoadLevel[] => {
    const l = structuredClone(base.levels[0] as LoadLevel);
    l.summary.rps = { estimate: rps, low: rps * (1 - spread), high: rps * (1 + spread) };
    return [l];
  };
  const s = (strategy: string, technique: string, client: string, rps: number, spread: number): StrategyResult => ({
    ...structuredClone(base),
    scenario: 'feed-pages',
    strategy,
    technique,
    client,
    levels: at(rps, spread),
  });
  const scenario = {
    ...structuredClone(r.scenarios[0] as Result['scenarios'][number]),
    name: 'feed-pages',
    reference: 'pg-offset',
    strategies: [
      s('pg-offset', 'offset', 'pg', 100, 0.05),
      s('pg-keyset', 'keyset', 'pg', 400, 0.05),
      s('prisma-skip', 'offset', 'prisma', 50, 0.3),
      s('prisma-cursor', 'keyset', 'prisma', 55, 0.3),
      s('mongoose-range', 'keyset', 'mongoose', 30, 0.05),
    ],
  };
  const point = (strategy: string, page: number, p50Us: number) => ({
    scenario: 'feed-pages',
    strategy,
    comments: page,
    axis: 'page' as const,
    rps: 1e6 / p50Us,
    p50Us,
    p99Us: p50Us * 2,
    queriesPerRequest: 1,
  });
  const fanout = [
    point('pg-offset', 1, 500),
    point('pg-offset', 500, 9000),
    point('pg-keyset', 1, 500),
    point('pg-keyset', 500, 450),
    point('prisma-skip', 500, 12000),
    point('prisma-cursor', 500, 11000),
  ];
  return { ...r, scenarios: [scenario], fanout };
}

describe('pagingVerdict', () => {
  it('compares keyset with OFFSET per client, with the interval and the deepest page of the curve', () => {
    const r = pagingResult();
    const view = buildScenarioView(r, r.scenarios[0] as Result['scenarios'][number], new Set());
    const v = pagingVerdict(r, 'feed-pages', view.ranked);
    assert.equal(
      v,
      `Keyset vs OFFSET at ${view.connections} connections on pages 1–500: pg-keyset serves 4.0× the req/s of pg-offset ` +
        '(CI 3.6–4.4×); prisma-cursor and prisma-skip cannot be told apart (1.10×, CI 0.59–2.0×); one request for page ' +
        '500 takes 450 µs with pg-keyset vs 9.00 ms with pg-offset, 11.0 ms with prisma-cursor vs 12.0 ms with prisma-skip (p50).',
    );
    assert.deepEqual(withPagingVerdict(r, view).verdicts, [v]);
  });

  it('says nothing for a scenario without a keyset and an OFFSET strategy of one client', () => {
    const r = buildFixtureResult();
    const view = buildScenarioView(r, r.scenarios[0] as Result['scenarios'][number], new Set());
    assert.equal(pagingVerdict(r, view.scenario.name, view.ranked), null);
    assert.equal(withPagingVerdict(r, view).verdicts, undefined);
  });
});
