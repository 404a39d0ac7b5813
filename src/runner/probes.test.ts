// Stale reads are counted, not hidden: with the standby's replay paused, a comment written through pg-replica is on
// the primary but not on the replica, and the probe must report the reads of that post as stale; once replay resumes
// and the replica catches up, the same probe must find none.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { skipUnlessUp, startTestEnv, type TestEnv } from '../testing/env.ts';
import { startStrategyServer, type StrategyServer } from '../server/spawn.ts';
import { loadScenario } from '../core/registry.ts';
import { sleep } from '../core/net.ts';
import { waitForReplica } from '../infra/replication.ts';
import { probeStaleness } from './probes.ts';

describe('probeStaleness', () => {
  let env: TestEnv;
  let server: StrategyServer | undefined;
  let primary: pg.Pool;
  before(async () => {
    env = await startTestEnv(['postgres', 'replica']);
    const e = env.infra.endpoints;
    if (!e.postgres || !e.replica) return;
    primary = new pg.Pool({ connectionString: e.postgres.url, max: 2 });
    server = await startStrategyServer({ scenario: 'mixed', strategy: 'pg-replica', endpoints: e, settings: {} });
  });
  after(async () => {
    await server?.stop();
    await primary?.end();
    await env?.stop();
  });

  it('counts reads from a lagging replica as stale, and none once it has caught up', async (t) => {
    if (skipUnlessUp(t, env, ['postgres', 'replica'])) return;
    const e = env.infra.endpoints;
    const scenario = await loadScenario('mixed');
    const replica = new pg.Client({ connectionString: e.replica!.url });
    await replica.connect();
    const id = String(env.info.fanoutPosts[10]);
    try {
      await replica.query('SELECT pg_wal_replay_pause()');
      const w = await server!.trace(
        'POST',
        `/posts/${id}/comments`,
        JSON.stringify({ authorId: 1, body: 'written while replay is paused' }),
      );
      assert.equal(w.status, 201, w.body);
      const lagging = await probeStaleness({
        scenario,
        baseUrl: server!.baseUrl,
        ctx: { pg: primary },
        recent: [{ id }],
        until: sleep(600),
      });
      assert.ok(lagging.checks > 0, 'the probe read the post');
      assert.equal(lagging.stale, lagging.checks, `every read missed the write (${lagging.stale}/${lagging.checks})`);
    } finally {
      await replica.query('SELECT pg_wal_replay_resume()');
      await replica.end();
    }
    await waitForReplica(e.postgres!.url, e.replica!.url, 10_000);
    const caughtUp = await probeStaleness({
      scenario,
      baseUrl: server!.baseUrl,
      ctx: { pg: primary },
      recent: [{ id }],
      until: sleep(400),
    });
    assert.ok(caughtUp.checks > 0);
    assert.equal(caughtUp.stale, 0);
  });
});
