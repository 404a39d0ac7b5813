import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from '../stats/summary.ts';
import { compareResults } from './compare.ts';
import { renderComparison } from './render.ts';
import { renderMarkdown } from './render-markdown.ts';
import { baseFixture, editStrategy, headFixture, scaleStrategy, strategyOf } from '../testing/compare-fixtures.ts';

// One comparison showing every kind of row: a regression (pg-join, 20 % slower), an improvement (prisma-include,
// 30 % faster), no change (prisma-naive), an added and a removed strategy, a degraded and a failed one, a caveat.
const base = baseFixture();
let head = headFixture(1, {
  infra: { ...base.infra, backends: base.infra.backends.map((b) => (b.need === 'postgres' ? { ...b, server: 'PostgreSQL 17.11' } : b)) },
});
head = scaleStrategy(head, 'post-detail', 'pg-join', 0.8);
head = scaleStrategy(head, 'post-detail', 'prisma-include', 1.3);
head.scenarios[0]?.strategies.push({ ...structuredClone(strategyOf(base, 'post-detail', 'pg-join')), strategy: 'pg-new' });
head = editStrategy(head, 'feed', 'mongoose-lean', () => null);
head = editStrategy(head, 'feed', 'pg-cached-memory', (s) =>
  s.status === 'completed' ? { ...s, degraded: '3 errors | 2 timeouts in trial 2' } : s,
);
const comparison = compareResults(base, head, { threshold: 0.1 });

const SNAPSHOT = fileURLToPath(new URL('./__snapshots__/comparison.md', import.meta.url));

describe('markdown', () => {
  const text = renderMarkdown(comparison);

  it('matches the committed snapshot (UPDATE_SNAPSHOTS=1 accepts a deliberate change)', () => {
    if (process.env.UPDATE_SNAPSHOTS === '1') {
      mkdirSync(dirname(SNAPSHOT), { recursive: true });
      writeFileSync(SNAPSHOT, text);
    }
    assert.equal(text, readFileSync(SNAPSHOT, 'utf8'));
  });

  it('leads with the headline, then a table per scenario, then both environments', () => {
    const lines = text.split('\n');
    assert.equal(lines[0], '## accessbench: 2 regressions beyond 10 %', 'pg-join at 16 and at 64 connections');
    const order = ['### post-detail', '### feed', '### Environment'].map((h) => lines.indexOf(h));
    assert.ok(
      order.every((i, k) => i > 0 && (k === 0 || i > (order[k - 1] as number))),
      `section order ${order.join(',')}`,
    );
    assert.match(text, /\| `pg-join` \| 16 \| [\d,]+ → [\d,]+ \| \*\*-20\.0 % \[/);
    assert.match(text, /\| `prisma-include` \| 16 \| .*\| \+30\.0 % \[.*faster/);
    assert.match(text, /\| `prisma-naive` \| 16 \|.*\| no significant change/);
    assert.match(text, /- `pg-new` added in head/);
    assert.match(text, /- `mongoose-lean` removed in head \(was completed in base\)/);
    assert.match(text, /- `pg-cached-memory` not compared — head degraded during load: 3 errors \\\| 2 timeouts/);
    assert.match(text, /\| commit \| `3f9c2ab` .* \| `b7e1d0c` head commit \|/);
    assert.match(text, /\| postgres \| PostgreSQL 17\.10 \| PostgreSQL 17\.11 \|/);
    assert.match(text, /> Note: different postgres server version/);
  });

  it('every table row has as many cells as its header (nothing from a result file breaks a row)', () => {
    const cells = (line: string): number => line.replace(/\\\|/g, '').split('|').length;
    let header = 0;
    for (const line of text.split('\n')) {
      if (!line.startsWith('|')) {
        header = 0;
        continue;
      }
      if (header === 0) header = cells(line);
      else assert.equal(cells(line), header, line);
    }
  });
});

describe('tracker exports', () => {
  const headTrials = (strategy: string, connections: number) => {
    const s = strategyOf(head, 'post-detail', strategy);
    const l = s.status === 'completed' ? s.levels.find((x) => x.connections === connections) : undefined;
    assert.ok(l);
    return l.trials;
  };

  it('github-action-benchmark: two arrays of { name, unit, value, range?, extra? }, one per direction', () => {
    const parts = renderComparison(comparison, 'github-action-benchmark');
    assert.deepEqual(
      parts.map((p) => p.suffix),
      ['.bigger-is-better', '.smaller-is-better'],
    );
    const [bigger, smaller] = parts.map((p) => JSON.parse(p.text) as Array<Record<string, unknown>>);
    assert.ok(bigger && smaller);
    for (const [entries, unit] of [
      [bigger, 'req/s'],
      [smaller, 'ms'],
    ] as const) {
      assert.equal(entries.length, 9, 'compared levels plus the added strategy, not the degraded/removed/failed ones');
      assert.equal(new Set(entries.map((e) => e.name)).size, entries.length, 'names are unique');
      for (const e of entries) {
        assert.deepEqual(
          Object.keys(e).filter((k) => !['name', 'unit', 'value', 'range', 'extra'].includes(k)),
          [],
        );
        assert.equal(typeof e.name, 'string');
        assert.equal(e.unit, unit);
        assert.ok(typeof e.value === 'number' && Number.isFinite(e.value) && e.value > 0);
        // The action reads a range as "± <number>" (src/extractRangeInfo.ts upstream).
        assert.match(String(e.range), /^(\+-|±)\s*\d[\d.]*$/);
        assert.equal(typeof e.extra, 'string');
      }
    }
    const pj = bigger.find((e) => e.name === 'post-detail/pg-join (16 connections) req/s');
    assert.ok(pj);
    assert.ok(Math.abs((pj.value as number) - median(headTrials('pg-join', 16).map((t) => t.rps))) < 0.05, "value is head's median req/s");
    const p99 = smaller.find((e) => e.name === 'post-detail/pg-join (16 connections) p99');
    assert.ok(Math.abs((p99?.value as number) - median(headTrials('pg-join', 16).map((t) => t.latencyUs.p99 / 1000))) < 0.001);
    assert.match(String(pj.extra), /vs base 3f9c2ab: -20\.0 % .*regression/);
  });

  it('bmf: { benchmark: { measure: { value, lower_value, upper_value } } } with throughput in req/s and latency (p99) in ns', () => {
    const [part] = renderComparison(comparison, 'bmf');
    const bmf = JSON.parse(part?.text ?? '') as Record<string, Record<string, Record<string, number>>>;
    assert.equal(Object.keys(bmf).length, 9);
    for (const [name, measures] of Object.entries(bmf)) {
      assert.ok(name.length > 0 && name.length <= 1024, 'Bencher benchmark names are at most 1024 characters');
      assert.deepEqual(Object.keys(measures).sort(), ['latency', 'throughput']);
      for (const m of Object.values(measures)) {
        assert.deepEqual(Object.keys(m).sort(), ['lower_value', 'upper_value', 'value']);
        assert.ok(Object.values(m).every((v) => typeof v === 'number' && Number.isFinite(v)));
        assert.ok((m.lower_value as number) <= (m.value as number) && (m.value as number) <= (m.upper_value as number), JSON.stringify(m));
      }
    }
    const pj = bmf['post-detail/pg-join (16 connections)'];
    const p99Ms = median(headTrials('pg-join', 16).map((t) => t.latencyUs.p99 / 1000));
    assert.ok(Math.abs((pj?.latency?.value as number) - p99Ms * 1e6) <= 1);
  });

  it('table marks regressions; json round-trips the comparison', () => {
    const [table] = renderComparison(comparison, 'table');
    assert.match(table?.text ?? '', /^! pg-join\s+16 /m);
    assert.doesNotMatch(table?.text ?? '', /^! prisma-include/m);
    const [json] = renderComparison(comparison, 'json');
    assert.deepEqual(JSON.parse(json?.text ?? ''), JSON.parse(JSON.stringify(comparison)));
  });
});
