// The report shows each strategy's exact costs when the result has them, and nothing in their place when an older
// result does not.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildFixtureResult } from '../testing/report-fixtures/result.ts';
import { renderReport } from './render.ts';

describe('exact costs in the report', () => {
  it('a row per strategy that has them', async () => {
    const r = buildFixtureResult();
    const plain = await renderReport([r]);
    assert.doesNotMatch(plain, /exact costs<\/th>/);
    const s = r.scenarios[0]?.strategies.find((x) => x.status === 'completed');
    assert.ok(s && s.status === 'completed');
    s.cost = {
      samples: 20,
      queriesPerRequest: 13.42,
      queriesPerRepeat: 13.42,
      rowsPerRequest: 31.5,
      bytesPerResponse: 2048,
      writes: { samples: 1, queriesPerWrite: 2, rowsWrittenPerWrite: 2 },
      statements: [{ id: 'abc', text: 'SELECT 1', count: 20 }],
    };
    const page = (await renderReport([r])).replace(/\s+/g, ' ');
    assert.match(page, /exact costs<\/th> <td> per request 13\.42 queries, 31\.50 rows, [^;]+; per write 2 queries, 2 rows written/);
    assert.match(page, /\(20 requests, 1 distinct statements\)/);
  });
});
