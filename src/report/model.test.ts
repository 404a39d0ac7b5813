import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LoadLevel } from '../results/schema.ts';
import { buildFixtureHistory, buildFixtureResult } from './fixture.ts';
import { formatQueries, formatRatio, formatUs } from './format.ts';
import { escapeHtml, html, slugify } from './html.ts';
import { buildScenarioView, median, orderRuns, runLabels, speedRatio } from './model.ts';
import { logTicks, symlogTicks } from './spec-common.ts';

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
      ['pg-replica'],
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

  it('escapes interpolations and makes unique slugs', () => {
    assert.equal(html`<b>${'<i>&"\''}</b>`.value, '<b>&lt;i&gt;&amp;&quot;&#39;</b>');
    assert.equal(escapeHtml('a'), 'a');
    const taken = new Set<string>();
    assert.equal(slugify('Post Detail!', taken), 'post-detail');
    assert.equal(slugify('post detail', taken), 'post-detail-2');
    assert.equal(slugify('<script>', taken), 'script');
  });
});
