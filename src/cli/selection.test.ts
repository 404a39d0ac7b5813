// Which strategies a run measures when none is named: a strategy's own `runIn`, unless its scenario sets its
// profiles there (`strategyRunIn`: one strategy file, default run in one scenario, full run only in another).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { resolveSelection } from './run.ts';

const chosen = async (profile: 'quick' | 'default' | 'full', scenario: string): Promise<string[]> =>
  (await resolveSelection({ scenarios: [scenario], strategies: [], profile }))[0]?.strategies ?? [];

describe('resolveSelection and strategyRunIn', () => {
  it('user-summary runs the read models in full only; user-summary-mixed runs them by default, its caches in full', async () => {
    const readOnly = await chosen('default', 'user-summary');
    assert.ok(readOnly.includes('pg-join'));
    assert.ok(!readOnly.includes('pg-matview') && !readOnly.includes('pg-denormalized'), readOnly.join(','));
    assert.ok((await chosen('full', 'user-summary')).includes('pg-matview'));
    assert.deepEqual((await chosen('default', 'user-summary-mixed')).sort(), ['pg-denormalized', 'pg-join', 'pg-matview']);
    assert.equal((await chosen('full', 'user-summary-mixed')).length, 5);
  });

  it('feed keeps one strategy per technique in the default run; quick and full run the rest', async () => {
    const byDefault = await chosen('default', 'feed');
    assert.deepEqual(byDefault.filter((n) => n.startsWith('pg-') || n.startsWith('prisma-')).sort(), [
      'pg-cached-redis',
      'pg-denormalized',
      'pg-join',
      'pg-naive',
      'prisma-include',
      'prisma-naive',
    ]);
    for (const profile of ['quick', 'full'] as const) assert.ok((await chosen(profile, 'feed')).includes('pg-cached-memory'), profile);
  });

  it('a strategy named on the command line runs whatever its profiles', async () => {
    const sel = await resolveSelection({ scenarios: ['user-summary'], strategies: ['pg-matview'], profile: 'default' });
    assert.deepEqual(sel, [{ scenario: 'user-summary', strategies: ['pg-matview'] }]);
  });
});
