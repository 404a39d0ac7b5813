// user-summary-mixed against real servers: every strategy with a write path verifies on its own copy of the data
// (payloads, query counts, and a write that shows in the next read — within pg-matview's declared bound); the
// materialized view exists and its content changes after a write once refreshed; bad writes get a 4xx; and the read
// models verify in the read-only user-summary too.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import type { Endpoints } from '../../src/core/infra.ts';
import { problemsOf, skipUnlessUp, startTestEnv, verifyForTest, verifyIsolatedForTest, type TestEnv } from '../../src/testing/env.ts';
import type { Verified } from '../../src/verify/scenario.ts';
import type { UserSummary } from '../user-summary/contract.ts';
import matview from '../user-summary/postgres/pg-matview.ts';

const NAMES = ['pg-join', 'pg-matview', 'pg-denormalized', 'pg-cached-redis', 'pg-cached-memory'];
const NEEDS = ['postgres', 'redis'] as const;

async function viewPostCount(url: string, userId: number): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const r = await c.query<{ payload: string }>('SELECT payload FROM user_summary_mv WHERE user_id = $1', [userId]);
    return (JSON.parse(r.rows[0]?.payload ?? '{"postCount":-1}') as UserSummary).postCount;
  } finally {
    await c.end();
  }
}

describe('user-summary-mixed: strategies with a write path, on real servers', () => {
  let env: TestEnv;
  let verified: Verified[] = [];
  let own = new Map<string, Endpoints>();
  before(async () => {
    env = await startTestEnv(NEEDS);
    if (env.missing(NEEDS)) return;
    ({ verified, own } = await verifyIsolatedForTest(env, 'user-summary-mixed', NAMES, { samples: 8 }));
  });
  after(async () => {
    for (const v of verified) if (v.status === 'passed') await v.server.stop();
    await env?.stop();
  });

  it('every strategy verifies: payloads, queries per read, and its own write shown by the next read', (t) => {
    if (skipUnlessUp(t, env, NEEDS)) return;
    assert.deepEqual(verified.map((v) => v.strategy.name).sort(), [...NAMES].sort());
    const written = new Map<string, number>();
    for (const v of verified) {
      assert.ok(v.status === 'passed', `${v.strategy.name}: ${problemsOf(v)}`);
      assert.equal(v.outcome?.cost.writes?.samples, 1, `${v.strategy.name} wrote once`);
      written.set(v.strategy.name, v.outcome?.cost.writes?.rowsWrittenPerWrite ?? 0);
    }
    // The post alone, except where the write path rewrites the user's summary row beside it.
    assert.deepEqual(Object.fromEntries(written), {
      'pg-join': 1,
      'pg-matview': 1,
      'pg-denormalized': 2,
      'pg-cached-redis': 1,
      'pg-cached-memory': 1,
    });
  });

  it('the view exists and is refreshed: after a write its content changes within the declared bound', async (t) => {
    if (skipUnlessUp(t, env, NEEDS)) return;
    const v = verified.find((x) => x.strategy.name === 'pg-matview');
    assert.ok(v?.status === 'passed', 'pg-matview verified');
    const url = own.get('pg-matview')?.postgres?.url ?? '';
    const userId = 3;
    const before = await viewPostCount(url, userId);
    assert.ok(before >= 0, 'user 3 has a row in user_summary_mv');
    const wrote = await v.server.trace('POST', `/users/${userId}/posts`, JSON.stringify({ title: 'Refresh me', body: 'A new post.' }));
    assert.equal(wrote.status, 201, wrote.body);
    const bound = matview.parity.freshWithinMs ?? 0;
    assert.ok(bound > 0, 'pg-matview declares its staleness bound');
    const t0 = performance.now();
    let seen = -1;
    // Reading through the server keeps it serving, which is when its timer refreshes (scenarios/shared/scheduled-refresh.ts).
    while (performance.now() - t0 < bound) {
      const got = await v.server.trace('GET', `/users/${userId}/summary`);
      seen = (JSON.parse(got.body) as UserSummary).postCount;
      if (seen === before + 1) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.equal(seen, before + 1, `the read showed the write within ${bound} ms`);
    assert.equal(await viewPostCount(url, userId), before + 1, 'the stored view has the new post');
    const m = await v.server.metrics();
    assert.ok((m.refreshes ?? 0) >= 1, `refreshes counted: ${m.refreshes}`);
    assert.ok((m.refreshMicros ?? 0) > 0, 'refresh time counted');
    // A local server: the refreshing backend's CPU was read from /proc for every refresh.
    assert.equal(m.refreshCpuCount, m.refreshes, 'backend CPU read for each refresh');
  });

  it('bad writes are answered 4xx: an unknown user, a body without a title', async (t) => {
    if (skipUnlessUp(t, env, NEEDS)) return;
    for (const name of ['pg-matview', 'pg-denormalized']) {
      const v = verified.find((x) => x.strategy.name === name);
      assert.ok(v?.status === 'passed', name);
      const unknown = await v.server.trace('POST', `/users/${env.info.counts.users + 1}/posts`, JSON.stringify({ title: 'x', body: 'y' }));
      assert.equal(unknown.status, 404, `${name}: ${unknown.body}`);
      const bad = await v.server.trace('POST', '/users/1/posts', JSON.stringify({ body: 'no title' }));
      assert.equal(bad.status, 400, `${name}: ${bad.body}`);
    }
  });

  it('the read models also verify in the read-only user-summary', async (t) => {
    if (skipUnlessUp(t, env, NEEDS)) return;
    const readOnly = await verifyForTest(env, 'user-summary', ['pg-matview', 'pg-denormalized']);
    try {
      for (const v of readOnly) assert.ok(v.status === 'passed', `${v.strategy.name}: ${problemsOf(v)}`);
    } finally {
      for (const v of readOnly) if (v.status === 'passed') await v.server.stop();
    }
  });
});
