import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Result } from '../results/schema.ts';
import { buildFixtureResult } from '../testing/report-fixtures/result.ts';
import { renderReport } from './render.ts';

const flat = (page: string): string => page.replace(/\s+/g, ' ');

function section(page: string, slug: string): string {
  const start = page.indexOf(`id="scenario-${slug}"`);
  return page.slice(start, page.indexOf('</section>', start));
}

describe('the database ceiling in the report', () => {
  it("shows each ranked strategy's share of what the database alone does, and says it in a sentence", async () => {
    const page = flat(await renderReport([buildFixtureResult()]));
    const post = section(page, 'post-detail');
    assert.match(post, /<th class="num" title="[^"]*14,447 statements\/s\)" > of DB ceiling <\/th>/);
    // pg-join's 4,224 req/s over the 14,447 statements/s of its statement alone.
    assert.match(post, /pg-join<\/a[^]*?<strong>4,224<\/strong><\/td> <td class="num ci">[^<]*<\/td> <td class="num">29\.2 %<\/td>/);
    assert.match(
      post,
      /the database alone does <strong>14,447 statements\/s<\/strong> \(median of 3 runs, 14,014–14,736\) at 16 connections; pg-join reaches 29\.2 % of it through HTTP and Node \(prisma-include 13\.0 %, prisma-naive 3\.7 %\)/,
    );
    assert.match(post, /pg-join&#39;s statement driven directly by pgbench 15\.18, -M prepared/);
    // A cache serves more than the database alone could: over 100 %, with the reason in the tooltip.
    assert.match(section(page, 'feed'), /title="more than the database alone[^"]*">\d{3,}\.\d %<\/td>/);
    // A MongoDB strategy's rate is no share of a PostgreSQL statement's: a dash, and left out of the sentence.
    assert.match(
      section(page, 'feed'),
      /mongoose-lean<\/a[^]*?<td class="num ci">[^<]*<\/td> <td class="num muted" title="does not read PostgreSQL">–<\/td>/,
    );
    assert.match(section(page, 'feed'), /through HTTP and Node \(pg-cached-memory \d{3}\.\d %\)\./);
    // mixed has no reference statement of its own: no column, no sentence.
    assert.doesNotMatch(section(page, 'mixed'), /of DB ceiling|Database ceiling/);
  });

  it('reads and renders a result file written before the database ceiling existed', async () => {
    const old = JSON.parse(JSON.stringify(buildFixtureResult())) as Record<string, unknown>;
    delete old.dbCeiling;
    const parsed = Result.parse(old);
    assert.deepEqual(parsed.dbCeiling, []);
    const page = flat(await renderReport([parsed]));
    assert.doesNotMatch(page, /of DB ceiling|Database ceiling/);
    assert.match(page, /Harness ceiling/);
  });
});
