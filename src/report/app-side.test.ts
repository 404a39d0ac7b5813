// The application-side pairs of the report (parallel awaits, GraphQL against the REST strategy with the same
// queries): which pairs are formed, the app CPU ratio and its interval, the verdicts, and the section and charts.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Result, StrategyResult } from '../results/schema.ts';
import { buildFixtureResult } from '../testing/report-fixtures/result.ts';
import { appCpuChart, parallelCharts } from './charts/app-side.ts';
import { appSidePairs, comparedVerdicts } from './model/app-side.ts';
import { buildScenarioView } from './model/scenario.ts';
import { renderReport } from './render.ts';

type Completed = Extract<StrategyResult, { status: 'completed' }>;

/** A copy of `twin` under another name: its trials' app CPU and req/s scaled, its parity extended. */
function variant(twin: Completed, name: string, technique: string, parity: Record<string, string>, cpu: number, rps: number): Completed {
  const s = structuredClone(twin);
  s.strategy = name;
  s.technique = technique;
  s.parity = { ...s.parity, ...parity };
  for (const l of s.levels) {
    for (const t of l.trials) {
      t.rps *= rps;
      if (t.server) t.server.cpuMicrosPerRequest *= cpu;
    }
    const r = l.summary.rps;
    l.summary.rps = { ...r, estimate: r.estimate * rps, low: r.low * rps, high: r.high * rps };
  }
  return s;
}

function withPairs(): Result {
  const r = buildFixtureResult();
  const sc = r.scenarios[0]!;
  const by = (n: string) => sc.strategies.find((s) => s.strategy === n) as Completed;
  sc.strategies.push(
    variant(by('pg-join'), 'graphql-lookahead', 'graphql', { sameQueriesAs: 'pg-join', wire: 'POST /graphql' }, 2, 0.6),
    variant(by('prisma-naive'), 'prisma-naive-parallel', 'naive', { sameQueriesAs: 'prisma-naive', awaits: 'parallel' }, 1, 1),
    variant(by('prisma-naive'), 'graphql-orphan', 'graphql', { sameQueriesAs: 'not-in-this-run' }, 1, 1),
    variant(by('prisma-include'), 'graphql-dataloader', 'graphql', { comparedWith: 'prisma-naive' }, 1, 1),
  );
  return r;
}

describe('application-side pairs', () => {
  it('pairs each strategy with the ranked one issuing the same queries, and leaves out a pair without its twin', () => {
    const r = withPairs();
    const pairs = appSidePairs(buildScenarioView(r, r.scenarios[0]!, new Set()));
    assert.deepEqual(
      pairs.map((p) => [p.strategy.strategy.strategy, p.twin.strategy.strategy, p.kind]),
      [
        ['graphql-lookahead', 'pg-join', 'graphql'],
        ['prisma-naive-parallel', 'prisma-naive', 'parallel'],
        // Parallel awaits again at the highest concurrency the run swept (the fixture's 64).
        ['prisma-naive-parallel', 'prisma-naive', 'parallel'],
      ],
    );
  });

  it('measures GraphQL execution as the app CPU ratio against the twin, with a conservative interval, in the verdict', () => {
    const r = withPairs();
    const [gql] = appSidePairs(buildScenarioView(r, r.scenarios[0]!, new Set()));
    assert.ok(gql?.cpu && gql.twinCpu && gql.cpuRatio);
    assert.ok(Math.abs(gql.cpuRatio.estimate - 2) < 1e-9, `ratio ${gql.cpuRatio.estimate}`);
    assert.ok(gql.cpuRatio.low <= 2 && gql.cpuRatio.high >= 2);
    assert.equal(gql.cpuRatio.low, gql.cpu.low / gql.twinCpu.high);
    assert.match(gql.verdict, /graphql-lookahead spends .* of app CPU per request against pg-join's/);
    assert.match(gql.verdict, /\+.* per request of GraphQL execution/);
    assert.match(gql.verdict, /0\.60× pg-join's req\/s \(CI/);
  });

  it('says a parallel twin differs in timing only, and says so when the data cannot tell the speeds apart', () => {
    const r = withPairs();
    const [, par, high] = appSidePairs(buildScenarioView(r, r.scenarios[0]!, new Set()));
    assert.deepEqual([par?.strategy.level.connections, high?.strategy.level.connections], [16, 64]);
    assert.match(high?.verdict ?? '', /^At 64 connections, prisma-naive-parallel/);
    assert.match(par?.verdict ?? '', /the difference is timing only/);
    assert.match(par?.verdict ?? '', /as many req\/s as prisma-naive within the data's precision/);
  });

  it('compares a batching strategy with the N+1 it batches, queries of both in the verdict', () => {
    const r = withPairs();
    const [v, ...more] = comparedVerdicts(buildScenarioView(r, r.scenarios[0]!, new Set()));
    assert.equal(more.length, 0);
    assert.match(
      v ?? '',
      /graphql-dataloader serves [\d.]+× prisma-naive's req\/s \(CI .*\), issuing \d+ queries per verified request instead of \d+/,
    );
  });

  it('draws app CPU for every paired strategy and the concurrency charts when the run swept connections', () => {
    const r = withPairs();
    const view = buildScenarioView(r, r.scenarios[0]!, new Set());
    const pairs = appSidePairs(view);
    const cpu = appCpuChart(view, pairs, 'x');
    assert.deepEqual(
      ((cpu?.spec as { data: { values: Array<{ strategy: string }> } }).data.values ?? []).map((v) => v.strategy),
      ['pg-join', 'graphql-lookahead', 'prisma-naive', 'prisma-naive-parallel'],
    );
    // post-detail's fixture has levels 16 and 64: the parallel set (parallel, sequential, reference) is drawn.
    const charts = parallelCharts(view, pairs, (k) => k);
    assert.deepEqual(
      charts.map((c) => c.id),
      ['parallel-rps', 'parallel-latency'],
    );
    const drawn = new Set((charts[0]?.spec as { data: { values: Array<{ strategy: string }> } }).data.values.map((v) => v.strategy));
    assert.deepEqual([...drawn].sort(), ['pg-join', 'prisma-naive', 'prisma-naive-parallel']);
  });

  it('renders the section with its verdicts only where a pair exists', async () => {
    const page = await renderReport([withPairs()]);
    assert.equal(page.split('Same queries, different application work').length - 1, 1);
    assert.match(page, /data-chart="post-detail-app-cpu"/);
    assert.match(page, /the load sends POST \/graphql/);
    const plain = await renderReport([buildFixtureResult()]);
    assert.ok(!plain.includes('Same queries, different application work'));
  });
});
