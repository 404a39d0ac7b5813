// The quick profile's two limits for strategies too slow for its rounds, through the real pipeline (real PostgreSQL,
// real strategy servers): slowRequestSec records a verified strategy untimed, with its exact costs, which the report
// shows and `compare` still gates on; slowTrialSec ends a strategy's rounds after a trial that outlasted it. The
// limits are set to 0 so that what the test expects does not depend on how fast this machine is.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { compareCost } from '../compare/cost.ts';
import { localProvider } from '../infra/local/index.ts';
import { renderReport } from '../report/render.ts';
import type { Result } from '../results/schema.ts';
import { missingPostgres, skipIfMissing } from '../testing/backends.ts';
import { tinyProfile } from '../testing/profile.ts';
import { runBenchmark } from './run.ts';

const missing = await missingPostgres();
const SELECTION = [{ scenario: 'post-detail', strategies: ['pg-join', 'pg-naive'] }];
const strategies = (r: Result | null) => r?.scenarios[0]?.strategies ?? [];

describe('strategies too slow for the profile', () => {
  let untimed: Result | null = null;
  let oneTrial: Result | null = null;
  const lines: string[] = [];
  before(async () => {
    if (missing) return;
    const base = { selection: SELECTION, seed: 42, provider: localProvider(), log: (l: string) => void lines.push(l) };
    untimed = await runBenchmark({ ...base, profile: tinyProfile({ slowRequestSec: 0, coldRequests: 0, micro: 'off' }) });
    oneTrial = await runBenchmark({
      ...base,
      profile: tinyProfile({ slowTrialSec: 0, trials: 3, maxTrials: 3, trialSec: 0.2, warmupSec: 0.2, coldRequests: 0, micro: 'off' }),
    });
  });

  it('slowRequestSec: verified, recorded untimed with the reason and the exact costs', (t) => {
    if (skipIfMissing(t, missing) || !untimed) return;
    assert.equal(strategies(untimed).length, 2);
    for (const s of strategies(untimed)) {
      assert.equal(s.status, 'skipped', JSON.stringify(s));
      if (s.status !== 'skipped') continue;
      assert.match(s.reason, /^verified, not timed: one request alone took [\d.]+ s on average in verification \(over 0 s/);
      assert.equal(s.verify?.problems.length, 0);
      assert.ok(s.cost && s.cost.samples > 0, 'exact costs recorded');
      assert.ok(s.captured && s.captured.statements.length > 0, 'statements captured');
    }
    const naive = strategies(untimed).find((s) => s.strategy === 'pg-naive');
    assert.ok(naive?.cost && naive.cost.queriesPerRequest > 1, 'the N+1 shows in its query count');
    assert.ok(lines.some((l) => /^post-detail\/pg-join: verified, not timed — /.test(l)));
  });

  it('the report shows an untimed strategy its exact costs and statements; compare gates on them', async (t) => {
    if (skipIfMissing(t, missing) || !untimed || !oneTrial) return;
    const page = (await renderReport([untimed])).replace(/\s+/g, ' ');
    assert.match(page, /verified, not timed: one request alone took/);
    assert.match(page, /exact costs<\/th>/);
    assert.match(page, /statements? issued for one request/);
    const timed = strategies(oneTrial).find((s) => s.strategy === 'pg-naive');
    const skipped = strategies(untimed).find((s) => s.strategy === 'pg-naive');
    assert.ok(timed && skipped);
    const c = compareCost(timed, skipped);
    assert.ok(c !== null && typeof c !== 'string', `compared: ${JSON.stringify(c)}`);
    assert.deepEqual(c.changes, []);
  });

  it('slowTrialSec: one trial, then no more rounds for that strategy, said in the log', (t) => {
    if (skipIfMissing(t, missing) || !oneTrial) return;
    for (const s of strategies(oneTrial)) {
      assert.equal(s.status, 'completed', JSON.stringify(s));
      if (s.status !== 'completed') continue;
      assert.equal(s.levels[0]?.trials.length, 1, `${s.strategy}: ${s.levels[0]?.trials.length} trials`);
      assert.ok(lines.some((l) => l.startsWith(`post-detail/${s.strategy}: its trial took `) && l.endsWith('no more rounds for it')));
    }
  });
});
