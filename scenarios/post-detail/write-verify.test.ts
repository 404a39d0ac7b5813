// Verification covers the write path of a scenario whose load writes (mixed): on each strategy's own copy of the
// data, one comment is posted through the strategy and a read must show it as the reference's payload with the
// comment added — so a cache that serves the old payload fails before any timing. The seeded database that other
// strategies and the reference read is left alone.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import type { Endpoints } from '../../src/core/infra.ts';
import { startStrategyServer } from '../../src/server/spawn.ts';
import { loadAll, problemsOf, skipUnlessUp, startTestEnv, verifyIsolatedForTest, type TestEnv } from '../../src/testing/env.ts';
import { fillRoute } from '../../src/core/route.ts';
import type { Verified } from '../../src/verify/scenario.ts';
import { verifyWrite } from '../../src/verify/write.ts';

const NAMES = ['pg-join', 'pg-denormalized', 'pg-cached-memory', 'prisma-include'];

describe('mixed: the write path is verified on each strategy’s own data', () => {
  let env: TestEnv;
  let verified: Verified[] = [];
  let own = new Map<string, Endpoints>();
  const comments = async (url: string): Promise<number> => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      return (await c.query<{ n: number }>('SELECT count(*)::int AS n FROM comments')).rows[0]?.n ?? -1;
    } finally {
      await c.end();
    }
  };
  let seededBefore = 0;
  before(async () => {
    env = await startTestEnv(['postgres']);
    if (env.missing(['postgres'])) return;
    seededBefore = await comments(env.infra.endpoints.postgres?.url ?? '');
    ({ verified, own } = await verifyIsolatedForTest(env, 'mixed', NAMES, { samples: 6 }));
  });
  after(async () => {
    for (const v of verified) if (v.status === 'passed') await v.server.stop();
    await env?.stop();
  });

  it('every strategy passes, its write recorded in its exact costs; the seeded database has no new comment', async (t) => {
    if (skipUnlessUp(t, env, ['postgres'])) return;
    const written = new Map<string, number>();
    for (const v of verified) {
      assert.ok(v.status === 'passed', `${v.strategy.name}: ${problemsOf(v)}`);
      // Rows arrive in the driver's callbacks, outside the request's async context: still counted for the request.
      assert.ok((v.outcome?.cost.rowsPerRequest ?? 0) > 0, `${v.strategy.name} read rows`);
      const w = v.outcome?.cost.writes;
      assert.equal(w?.samples, 1, v.strategy.name);
      written.set(v.strategy.name, w?.rowsWrittenPerWrite ?? 0);
    }
    assert.equal(written.get('pg-join'), 1);
    // The read model is rewritten beside the INSERT: write amplification, exactly.
    assert.ok((written.get('pg-denormalized') ?? 0) >= 2, `pg-denormalized wrote ${written.get('pg-denormalized')} rows`);
    assert.equal(await comments(env.infra.endpoints.postgres?.url ?? ''), seededBefore);
    for (const name of NAMES) assert.equal(await comments(own.get(name)?.postgres?.url ?? ''), seededBefore + 1, name);
  });

  it('a cache that still serves the old payload after the write fails', async (t) => {
    if (skipUnlessUp(t, env, ['postgres'])) return;
    const { scenario, strategies } = await loadAll('mixed', ['pg-cached-memory']);
    const strategy = strategies[0];
    assert.ok(strategy);
    // Two servers of one in-memory cached strategy on one database: the write goes through one, the read through the
    // other, whose cache was filled before the write — a real stale cache, as a missing invalidation leaves it.
    const endpoints = own.get('pg-join') ?? env.infra.endpoints;
    const writer = await startStrategyServer({ scenario: 'mixed', strategy: 'pg-cached-memory', endpoints, settings: {} });
    const reader = await startStrategyServer({ scenario: 'mixed', strategy: 'pg-cached-memory', endpoints, settings: {} });
    try {
      const params = { id: String(env.info.fanoutPosts[10]) };
      const before = await reader.trace('GET', fillRoute(scenario.route.path, params));
      assert.equal(before.status, 200);
      const server = { trace: (m: string, p: string, b?: string) => (m === 'GET' ? reader : writer).trace(m, p, b) };
      const check = await verifyWrite({ scenario, strategy, server, params, before });
      assert.equal(check.cost?.rowsWritten, 1);
      assert.equal(check.problems.length, 1);
      const m = /^read after its own write does not show it: \$\.comments: length (\d+) expected, got (\d+)$/.exec(check.problems[0] ?? '');
      assert.ok(m, check.problems[0]);
      assert.equal(Number(m[1]), Number(m[2]) + 1);
    } finally {
      await writer.stop();
      await reader.stop();
    }
  });
});
