import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LoadLevel } from '../results/schema.ts';
import { buildFixtureHistory, buildFixtureResult } from '../testing/report-fixtures/result.ts';
import { formatQueries, formatRatio, formatUs } from './format.ts';
import { escapeHtml, html, slugify } from './html.ts';
import { nearCeiling } from './model/ceilings.ts';
import { mixedFigures } from './model/mixed.ts';
import { lagRows } from './model/replica-lag.ts';
import { orderRuns, runLabels } from './model/runs.ts';
import { buildScenarioView, median, speedRatio } from './model/scenario.ts';
import { logTicks, symlogTicks } from './charts/common.ts';
import { spreadLabels } from './charts/mixed.ts';

const level = (estimate: number, low: number, high: number): LoadLevel => {
  const l = structuredClone(buildFixtureResult().scenarios[0]?.strategies[0]);
  if (l?.status !== 'completed' || !l.levels[0]) throw new Error('fixture changed');
  return { ...l.levels[0], summary: { ...l.levels[0].summary, rps: { estimate, low, high } } };
};

describe('speedRatio', () => {
  it('takes the conservative interval from the extremes of both CIs', () => {
    const r = speedRatio(level(800, 760, 840), level(100, 95, 110));
    assert.equal(r.estimate, 8);
    assert.equal(r.low, 760 / 110);
    assert.equal(r.high, 840 / 95);
  });
});

describe('buildScenarioView', () => {
  it('ranks completed strategies fastest first and keeps failed/skipped out with reasons', () => {
    const r = buildFixtureResult();
    const v = buildScenarioView(r, r.scenarios[0]!, new Set());
    assert.deepEqual(
      v.ranked.map((x) => x.strategy.strategy),
      ['pg-join', 'prisma-include', 'prisma-naive'],
    );
    assert.deepEqual(
      v.unranked.map((x) => x.strategy.strategy),
      ['pg-cached-redis'],
    );
    assert.equal(v.ranked[2]?.queries, 43);
  });

  it('does not rank degraded strategies', () => {
    const r = buildFixtureResult();
    const s = r.scenarios[0]!.strategies[0]!;
    if (s.status === 'completed') s.degraded = 'postgres died during trial 2';
    const v = buildScenarioView(r, r.scenarios[0]!, new Set());
    assert.ok(!v.ranked.some((x) => x.strategy === s));
    assert.match(v.unranked.find((x) => x.strategy === s)?.reason ?? '', /degraded: postgres died/);
  });

  it('says so when the CI of the ratio includes 1', () => {
    const r = buildFixtureResult();
    const [a, b] = r.scenarios[0]!.strategies;
    if (a?.status !== 'completed' || b?.status !== 'completed') throw new Error('fixture changed');
    b.levels = structuredClone(a.levels);
    r.scenarios[0]!.strategies = [a, b];
    const v = buildScenarioView(r, r.scenarios[0]!, new Set());
    assert.match(v.verdict, /cannot tell apart/);
  });
});

describe('mixed-load, replica-lag and ceiling figures', () => {
  const p = (p50: number) => ({ p50, p90: p50, p99: p50 * 4, p999: p50 * 5, max: p50 * 6, mean: p50 });
  const view = () => {
    const r = buildFixtureResult();
    const v = buildScenarioView(
      r,
      r.scenarios.find((s) => s.name === 'mixed')!,
      new Set(),
    );
    return { v, row: v.ranked.find((x) => x.strategy.strategy === 'pg-replica')! };
  };

  it('takes medians across trials, sums stale reads, and ignores trials without the figures', () => {
    const { row } = view();
    const [a, b, c] = row.level.trials;
    const mixed = (reads: number, writeP50: number, stale: number) => ({
      reads,
      writes: reads / 9,
      readLatencyUs: p(1000),
      writeLatencyUs: p(writeP50),
      rowsWrittenPerWrite: 2,
      staleChecks: 50,
      staleReads: stale,
    });
    for (const [t, m, hit] of [
      [a, mixed(900, 5000, 1), 0.8],
      [b, mixed(1500, 7000, 2), 0.9],
      [c, null, null],
    ] as const) {
      t!.durationSec = 10;
      t!.mixed = m;
      t!.server!.cacheHitRatio = hit;
    }
    const f = mixedFigures(row)!;
    assert.equal(f.readRps, 120);
    assert.equal(f.writeP50Us, 6000);
    assert.equal(f.writeP99Us, 24_000);
    assert.equal(f.staleReads, 3);
    assert.equal(f.staleChecks, 100);
    assert.ok(Math.abs((f.cacheHitRatio ?? 0) - 0.85) < 1e-9);
    for (const t of row.level.trials) t.mixed = null;
    assert.equal(mixedFigures(row), null);
  });

  it('reads replica lag from trials that sampled it', () => {
    const { v, row } = view();
    const [a, b, c] = row.level.trials;
    a!.replicaLag = { samples: 10, bytesP50: 0, bytesP99: 100, msP50: 1, msP99: 4 };
    b!.replicaLag = { samples: 12, bytesP50: 0, bytesP99: 300, msP50: 2, msP99: 40 };
    c!.replicaLag = { samples: 0, bytesP50: 0, bytesP99: 0, msP50: 0, msP99: 0 };
    const lag = lagRows(v).find((l) => l.strategy === 'pg-replica')!;
    assert.deepEqual([lag.msP50, lag.msP99, lag.bytesP99, lag.samples, lag.trials.length], [1.5, 22, 200, 22, 2]);
    assert.deepEqual(
      lagRows(v).map((l) => l.strategy),
      ['pg-replica'],
    );
  });

  it('calls a strategy near the ceiling from a third of it upwards', () => {
    const { v, row } = view();
    v.ceiling = { estimate: 3 * row.level.summary.rps.estimate, low: 0, high: 0 };
    assert.equal(nearCeiling(v, row), true);
    v.ceiling = { estimate: 3.01 * row.level.summary.rps.estimate, low: 0, high: 0 };
    assert.equal(nearCeiling(v, row), false);
    v.ceiling = null;
    assert.equal(nearCeiling(v, row), false);
  });
});

describe('history order', () => {
  it('sorts earlier runs by commit time and keeps the current run last', () => {
    const [a, b, c] = buildFixtureHistory(3);
    const ordered = orderRuns([c!, a!, b!]);
    // c and a are the earlier results (sorted by commit time); b was passed last, so it is the current run.
    assert.deepEqual(ordered, [a, c, b]);
    const labels = runLabels([a!, a!]);
    assert.notEqual(labels[0], labels[1]);
  });
});

describe('formatting and ticks', () => {
  it('formats latencies, ratios and query counts for humans', () => {
    assert.equal(formatUs(850), '850 µs');
    assert.equal(formatUs(1240), '1.24 ms');
    assert.equal(formatUs(38_100), '38.1 ms');
    assert.equal(formatUs(2_350_000), '2.35 s');
    assert.equal(formatRatio(7.94), '7.9×');
    assert.equal(formatRatio(1.04), '1.04×');
    assert.equal(formatQueries(43), '43');
    assert.equal(formatQueries(0.05), '0.05');
    assert.equal(median([3, 1, 2, 10]), 2.5);
  });

  it('puts 1-2-5 ticks around the data, and includes 0 on symlog axes', () => {
    assert.deepEqual(logTicks(3550, 269_800), [2000, 5000, 10_000, 20_000, 50_000, 100_000, 200_000, 500_000]);
    assert.deepEqual(symlogTicks(43), [0, 1, 2, 5, 10, 20, 50]);
    assert.deepEqual(symlogTicks(0), [0, 1]);
  });

  it('moves colliding scatter labels apart, as little as it can, and keeps them in the plot', () => {
    assert.deepEqual(spreadLabels([100, 98, 50], 5, 0, 200), [100, 95, 50]);
    assert.deepEqual(spreadLabels([1, 0.5], 2, 0, 10), [2, 0]);
    assert.deepEqual(spreadLabels([10, 10, 10], 1, 0, 10), [10, 9, 8]);
  });

  it('escapes interpolations and makes unique slugs', () => {
    assert.equal(html`<b>${'<i>&"\''}</b>`.value, '<b>&lt;i&gt;&amp;&quot;&#39;</b>');
    assert.equal(escapeHtml('a'), 'a');
    const taken = new Set<string>();
    assert.equal(slugify('Post Detail!', taken), 'post-detail');
    assert.equal(slugify('post detail', taken), 'post-detail-2');
    assert.equal(slugify('<script>', taken), 'script');
  });
});
