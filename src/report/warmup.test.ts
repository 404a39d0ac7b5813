// The report says how long each level's server was warmed and how its CPU per request fell chunk by chunk, and says
// nothing of a warmup an older result did not record.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildFixtureResult } from '../testing/report-fixtures/result.ts';
import { renderReport } from './render.ts';

describe('the warmup in the report', () => {
  it('a line under the trials per level that recorded one, with the CPU curve and whether it ended steady', async () => {
    const r = buildFixtureResult();
    assert.doesNotMatch(await renderReport([r]), /Warmup:/);
    const s = r.scenarios[0]?.strategies.find((x) => x.status === 'completed');
    assert.ok(s && s.status === 'completed' && s.levels[0]);
    s.levels[0].warmup = { sec: 2.04, steady: false, cpuMicrosPerRequest: [1472.4, 787, 243.2] };
    const page = (await renderReport([r])).replace(/\s+/g, ' ');
    assert.match(
      page,
      new RegExp(
        `Warmup: ${s.levels[0].connections} conn\\. → 2\\.0 s, app CPU per request 1,?472 → 787 → 243 µs over 3 chunks \\(still falling at the limit\\)`,
      ),
    );
  });
});
