// The report's view of database variants, from a fixture: contenders grouped per strategy against the baseline, the
// verdict's ratios and interval, the WAL per write, and the section and charts on the page.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Result } from '../results/schema.ts';
import type { VariantRecord } from '../results/variants-schema.ts';
import { buildFixtureResult } from '../testing/report-fixtures/result.ts';
import { buildScenarioView } from './model/scenario.ts';
import { compareToBaseline, variantGroups, variantVerdict } from './model/variants.ts';
import { renderReport } from './render.ts';

type Completed = Extract<Result['scenarios'][number]['strategies'][number], { status: 'completed' }>;

/** pg-join of the fixture's mixed scenario on a variant: req/s scaled by `speed`, `walPerWrite` bytes per write. */
function contender(template: Completed, variant: string, speed: number, walPerWrite: number): Completed {
  const c = structuredClone(template);
  c.strategy = `pg-join@${variant}`;
  c.variant = variant;
  for (const level of c.levels) {
    const r = level.summary.rps;
    level.summary.rps = { ...r, estimate: r.estimate * speed, low: r.low * speed, high: r.high * speed };
    for (const t of level.trials) {
      t.rps *= speed;
      if (t.mixed) t.mixed = { ...t.mixed, walBytes: t.mixed.writes * walPerWrite };
    }
  }
  return c;
}

const record = (name: string, plan: string): VariantRecord => ({
  name,
  summary: `${name} <b>summary</b>`,
  sql: name === 'as-seeded' ? [] : [`DROP INDEX ${name}_idx`],
  describedOn: `pg-join@${name}`,
  indexes: [{ table: 'comments', name: 'comments_pkey', definition: 'CREATE UNIQUE INDEX comments_pkey ON comments (id)', bytes: 8192 }],
  plan: {
    statement: "pg-join's statement",
    params: '{"id":"7"}',
    text: plan,
    planningMs: 0.1,
    executionMs: 0.5,
    sharedHit: 12,
    sharedRead: 0,
  },
});

function fixture(): Result {
  const result = buildFixtureResult();
  const mixed = result.scenarios.find((s) => s.name === 'mixed');
  const template = mixed?.strategies.find((s): s is Completed => s.strategy === 'pg-join' && s.status === 'completed');
  assert.ok(mixed && template);
  const strategies = [
    contender(template, 'as-seeded', 1, 480),
    contender(template, 'no-fk-indexes', 0.1, 340),
    contender(template, 'extra-indexes', 1.0, 840),
  ].map((s) => ({ ...s, scenario: 'indexes' }));
  const dbVariants = [
    record('as-seeded', 'Index Scan using comments_post_id_created_at_id_idx on comments c'),
    record('no-fk-indexes', 'Seq Scan on comments c'),
    record('extra-indexes', 'Index Scan using comments_post_id_idx on comments c'),
  ];
  result.scenarios.push({ ...mixed, name: 'indexes', reference: 'pg-join@as-seeded', strategies, dbVariants });
  return result;
}

describe('report: database variants', () => {
  const result = fixture();
  const scenario = result.scenarios.find((s) => s.name === 'indexes');
  assert.ok(scenario);
  const view = buildScenarioView(result, scenario, new Set());

  it('groups contenders by strategy in variant order and compares each with the baseline', () => {
    const groups = variantGroups(view);
    assert.deepEqual(
      groups.map((g) => [g.strategy, g.baseline?.contender, g.rows.map((r) => r.variant)]),
      [['pg-join', 'pg-join@as-seeded', ['as-seeded', 'no-fk-indexes', 'extra-indexes']]],
    );
    const [base, noFk, extra] = compareToBaseline(groups[0]!);
    assert.ok(Math.abs((base?.reads?.estimate ?? 0) - 1) < 1e-9);
    assert.ok(Math.abs((noFk?.reads?.estimate ?? 0) - 0.1) < 1e-9);
    assert.ok(Math.abs((noFk?.walPerWrite ?? 0) - 340 / 480) < 1e-9);
    assert.ok(Math.abs((extra?.walPerWrite ?? 0) - 840 / 480) < 1e-9);
  });

  it('says in one sentence what each variant does to reads (with the interval) and to writes', () => {
    const v = variantVerdict(view);
    assert.match(v, /against pg-join on as-seeded: on no-fk-indexes it serves reads at 0\.10× the rate \(CI /);
    assert.match(v, /340 B of WAL per write instead of 480 B \(0\.71×\)/);
    assert.match(v, /on extra-indexes it serves reads at a rate the data cannot tell apart \(1\.00×, CI /);
    assert.match(v, /840 B of WAL per write instead of 480 B \(1\.75×\)/);
  });

  it('renders the section, the plans escaped, and both trade-off charts; no generic trade-off chart', async () => {
    const page = await renderReport([result]);
    assert.match(page, /<h3>Database variants<\/h3>/);
    assert.match(page, /Seq Scan on comments c/);
    assert.match(page, /no-fk-indexes &lt;b&gt;summary&lt;\/b&gt;/);
    assert.match(page, /data-chart="indexes-variants-wal"/);
    assert.match(page, /data-chart="indexes-variants-latency"/);
    assert.doesNotMatch(page, /data-chart="indexes-tradeoff"/);
    assert.match(page, /data-chart="mixed-tradeoff"/);
  });
});
