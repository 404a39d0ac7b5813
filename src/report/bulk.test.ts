// The figures of a write-only load's section (model/bulk.ts): rows/s and its interval from req/s times the rows each
// request stored, WAL and CPU per row, the verdict in rows/s with its conservative CI, and nothing for other loads.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Result } from '../results/schema.ts';
import { buildFixtureResult } from '../testing/report-fixtures/result.ts';
import { bulkRows, bulkVerdict } from './model/bulk.ts';
import { buildScenarioView, speedRatio } from './model/scenario.ts';
import { renderReport } from './render.ts';

/** The fixture's first scenario as a write-only load: every trial all writes, 100 rows and 50 000 WAL bytes each. */
function writeOnly(): Result {
  const r = buildFixtureResult();
  const sc = r.scenarios[0];
  if (!sc) throw new Error('fixture changed');
  sc.writeRatio = 1;
  for (const s of sc.strategies) {
    if (s.status !== 'completed') continue;
    for (const l of s.levels) {
      for (const t of l.trials) {
        t.mixed = {
          reads: 0,
          writes: t.requests,
          readLatencyUs: t.latencyUs,
          writeLatencyUs: t.latencyUs,
          rowsWrittenPerWrite: 100,
          staleChecks: 0,
          staleReads: 0,
          walBytes: 50_000 * t.requests,
        };
      }
    }
  }
  return r;
}

describe('a write-only load in the report', () => {
  it('gives rows/s as req/s times rows per request, with WAL and CPU per row', () => {
    const r = writeOnly();
    const view = buildScenarioView(r, r.scenarios[0]!, new Set());
    const rows = bulkRows(view);
    assert.deepEqual(
      rows.map((x) => x.strategy),
      view.ranked.map((x) => x.strategy.strategy),
    );
    for (const [i, row] of rows.entries()) {
      const rps = view.ranked[i]!.level.summary.rps;
      assert.deepEqual(row.rowsPerSec, { estimate: rps.estimate * 100, low: rps.low * 100, high: rps.high * 100 });
      assert.equal(row.walBytesPerRow, 500);
      assert.equal(row.appCpuUsPerRow, view.ranked[i]!.cpu.app === null ? null : view.ranked[i]!.cpu.app! / 100);
    }
  });

  it('says the fastest stores rows at a multiple of the slowest, with the conservative CI and the statements', () => {
    const r = writeOnly();
    const view = buildScenarioView(r, r.scenarios[0]!, new Set());
    const fast = view.ranked[0]!;
    const slow = view.ranked[view.ranked.length - 1]!;
    const ratio = speedRatio(fast.level, slow.level);
    const verdict = bulkVerdict(view) ?? '';
    assert.match(verdict, new RegExp(`^At \\d+ connections and 100 rows per request, ${fast.strategy.strategy} stores [\\d,]+ rows/s`));
    assert.match(verdict, new RegExp(`the rate of ${slow.strategy.strategy}`));
    assert.ok(verdict.includes(`CI ${ratio.low.toFixed(1)}`) || verdict.includes(`CI ${ratio.low.toFixed(2)}`), verdict);
    assert.match(verdict, /with 1 statement per request instead of 43/);
  });

  it('renders the section and its chart; a read or mixed load gets neither', async () => {
    const result = writeOnly();
    const page = await renderReport([result]);
    const slug = buildScenarioView(result, result.scenarios[0]!, new Set()).slug;
    const start = page.indexOf(`<section class="scenario" id="scenario-${slug}"`);
    const section = page.slice(start, page.indexOf('</section>', start));
    assert.ok(start >= 0);
    assert.match(section, /Rows stored per second/);
    assert.match(page, /rows per second against round trips/);
    assert.doesNotMatch(section, /Reads and writes apart/);
    const read = buildFixtureResult();
    assert.deepEqual(bulkRows(buildScenarioView(read, read.scenarios[0]!, new Set())), []);
    assert.doesNotMatch(await renderReport([read]), /Rows stored per second/);
  });
});
