// The report's section on caches and read models under hot writes: paced-write scenarios of one endpoint are paired
// uniform against hot, per strategy; the verdict names the cache whose misses grew, with an interval; the section
// and its chart appear only when both distributions were measured.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Result } from '../results/schema.ts';
import { buildFixtureResult } from '../testing/report-fixtures/result.ts';
import { hotWritesGroups } from './model/hot-writes.ts';
import { renderReport } from './render.ts';

type ScenarioResult = Result['scenarios'][number];

/** The fixture's mixed scenario as a paced one, each trial sent 50 writes; `hit` gives pg-cached-memory's hit ratio per trial. */
function paced(base: ScenarioResult, name: string, target: 'uniform' | 'hot', hit: (i: number) => number): ScenarioResult {
  const s = structuredClone(base);
  Object.assign(s, { name, writeRatio: 0, writeRate: 100, writeTarget: target });
  for (const st of s.strategies) {
    st.scenario = name;
    if (st.status !== 'completed') continue;
    for (const level of st.levels)
      level.trials.forEach((t, i) => {
        if (t.mixed) t.mixed.writes = 50;
        if (st.strategy === 'pg-cached-memory' && t.server) t.server.cacheHitRatio = hit(i);
      });
  }
  return s;
}

function withPaced(hot: boolean): Result {
  const r = buildFixtureResult();
  const mixed = r.scenarios.find((s) => s.name === 'mixed');
  assert.ok(mixed);
  const scenarios = [paced(mixed, 'feed-mixed', 'uniform', (i) => 0.95 - 0.002 * i)];
  if (hot) scenarios.push(paced(mixed, 'feed-mixed-hot', 'hot', (i) => 0.7 - 0.01 * i));
  return { ...r, scenarios: [...r.scenarios, ...scenarios] };
}

describe('report: uniform vs hot writes', () => {
  it('pairs the paced scenarios of one endpoint and says how far the cache hit ratio falls under hot writes, with its CI', () => {
    const groups = hotWritesGroups(withPaced(true));
    assert.equal(groups.length, 1);
    const g = groups[0];
    assert.ok(g);
    assert.deepEqual([g.uniform, g.hot, g.writeRate], ['feed-mixed', 'feed-mixed-hot', 100]);
    const cached = g.rows.filter((r) => r.strategy === 'pg-cached-memory');
    assert.deepEqual(
      cached.map((r) => r.target),
      ['uniform', 'hot'],
    );
    for (const r of g.rows) assert.deepEqual(r.writesPerTrial, { min: 50, max: 50 });
    const m = /pg-cached-memory's cache hit ratio goes from [\d.]+ % to [\d.]+ % \(−([\d.]+) points, CI −([\d.]+) to −([\d.]+)\)/.exec(
      g.verdict,
    );
    assert.ok(m, g.verdict);
    // From about 94 % to about 68 %: about 26 points, and the interval excludes "no change".
    assert.ok(Number(m[1]) > 20 && Number(m[1]) < 30, g.verdict);
    assert.ok(Number(m[3]) > 0, g.verdict);
  });

  it('renders the section with its chart only when both distributions were measured', async () => {
    const page = await renderReport([withPaced(true)]);
    assert.match(page, /id="hot-writes"/);
    assert.match(page, /data-chart="hot-writes-0"/);
    assert.match(page, /writes\/trial/);
    assert.doesNotMatch(await renderReport([withPaced(false)]), /id="hot-writes"/);
    assert.equal(hotWritesGroups(withPaced(false)).length, 0);
  });
});
