// bulk-write against a real PostgreSQL: every pg and Prisma strategy passes verification on its own copy of the
// data (its write declared and counted, the 100 comments read back as the reference's payload with them appended),
// and every copy then holds exactly the same new rows; bad input is a 400 or a 404 that stores nothing (except where
// the strategy's own comment says a failure mid-batch leaves rows behind); a wrong declaration fails verification.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { createRng } from '../../src/core/rng.ts';
import type { Endpoints } from '../../src/core/infra.ts';
import { fillRoute } from '../../src/core/route.ts';
import { isolateStrategies } from '../../src/runner/isolate.ts';
import { startStrategyServer, type StrategyServer } from '../../src/server/spawn.ts';
import { loadAll, problemsOf, skipUnlessUp, startTestEnv, verifyIsolatedForTest, type TestEnv } from '../../src/testing/env.ts';
import type { Verified } from '../../src/verify/scenario.ts';
import { verifyWrite } from '../../src/verify/write.ts';
import { bulkWrite, type BulkBody } from './contract.ts';

const NAMES = ['pg-unnest', 'pg-row-loop', 'pg-row-loop-tx', 'pg-multirow', 'pg-copy', 'prisma-create-loop', 'prisma-create-many'];
const DECLARED: Record<string, number> = {
  'pg-unnest': 1,
  'pg-row-loop': 100,
  'pg-row-loop-tx': 102,
  'pg-multirow': 1,
  'pg-copy': 1,
  'prisma-create-loop': 100,
  'prisma-create-many': 1,
};

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** The comments added after seeding, as stored (ids aside: each copy assigns its own). */
const newRows = (url: string, above: number) =>
  withClient(url, async (c) =>
    (
      await c.query<{ post_id: number; author_id: number; body: string; created_at: string }>(
        `SELECT post_id, author_id, body, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') AS created_at
         FROM comments WHERE id > $1 ORDER BY created_at, id`,
        [above],
      )
    ).rows.map((r) => [r.post_id, r.author_id, r.body, r.created_at]),
  );

describe('bulk-write: every PostgreSQL strategy stores the same rows', () => {
  let env: TestEnv;
  let verified: Verified[] = [];
  let own = new Map<string, Endpoints>();
  let seededMax = 0;
  before(async () => {
    env = await startTestEnv(['postgres']);
    if (env.missing(['postgres'])) return;
    seededMax = await withClient(env.infra.endpoints.postgres?.url ?? '', async (c) => {
      return (await c.query<{ m: number }>('SELECT max(id)::int AS m FROM comments')).rows[0]?.m ?? 0;
    });
    ({ verified, own } = await verifyIsolatedForTest(env, 'bulk-write', NAMES, { samples: 6 }));
  });
  after(async () => {
    for (const v of verified) if (v.status === 'passed') await v.server.stop();
    await env?.stop();
  });

  it('each passes verification; its write issued the statements it declares and stored 100 rows', (t) => {
    if (skipUnlessUp(t, env, ['postgres'])) return;
    assert.deepEqual(
      verified.map((v) => v.strategy.name),
      NAMES,
    );
    for (const v of verified) {
      assert.ok(v.status === 'passed', `${v.strategy.name}: ${problemsOf(v)}`);
      const w = v.outcome.cost.writes;
      assert.equal(w?.queriesPerWrite, DECLARED[v.strategy.name], v.strategy.name);
      // COPY's rows too: counted from the COPY stream's own row count.
      assert.equal(w?.rowsWrittenPerWrite, 100, v.strategy.name);
    }
  });

  it('every copy holds the same 100 new rows — post, author, body (tabs, newlines, backslashes, quotes) and time', async (t) => {
    if (skipUnlessUp(t, env, ['postgres'])) return;
    const reference = await newRows(own.get('pg-unnest')?.postgres?.url ?? '', seededMax);
    assert.equal(reference.length, 100);
    assert.ok(reference.some((r) => String(r[2]).includes('\t') && String(r[2]).includes('\n') && String(r[2]).includes('\\')));
    for (const name of NAMES) assert.deepEqual(await newRows(own.get(name)?.postgres?.url ?? '', seededMax), reference, name);
    assert.deepEqual(await newRows(env.infra.endpoints.postgres?.url ?? '', seededMax), [], 'the seeded database is untouched');
  });

  it('a strategy whose declared write count is wrong fails verification', async (t) => {
    if (skipUnlessUp(t, env, ['postgres'])) return;
    const { scenario, strategies } = await loadAll('bulk-write', ['pg-row-loop-tx']);
    const strategy = strategies[0];
    assert.ok(strategy);
    const server = (verified.find((v) => v.strategy.name === 'pg-row-loop-tx') as { server: StrategyServer }).server;
    const params = { id: String(env.info.edgePost) };
    const before = await server.trace('GET', fillRoute(scenario.route.path, params));
    // Declares one statement per row, forgetting BEGIN and COMMIT.
    const wrong = { ...strategy, expectQueries: (f: Record<string, number>) => (f.write ? (f.rows ?? 0) : 1) };
    const check = await verifyWrite({ scenario, strategy: wrong, server, params, before });
    assert.deepEqual(check.problems, ['102 queries for the write, its expectation says 100']);
  });
});

describe('bulk-write: bad input', () => {
  let env: TestEnv;
  const servers = new Map<string, StrategyServer>();
  let own = new Map<string, Endpoints>();
  const names = ['pg-unnest', 'pg-row-loop', 'pg-row-loop-tx', 'pg-copy', 'prisma-create-many'];
  before(async () => {
    env = await startTestEnv(['postgres']);
    if (env.missing(['postgres'])) return;
    const { strategies } = await loadAll('bulk-write', names);
    own = await isolateStrategies(env.infra.endpoints, 'bulk-write', strategies, env.dataset, () => {});
    for (const name of names) {
      servers.set(
        name,
        await startStrategyServer({ scenario: 'bulk-write', strategy: name, endpoints: own.get(name) as Endpoints, settings: {} }),
      );
    }
  });
  after(async () => {
    for (const s of servers.values()) await s.stop();
    await env?.stop();
  });

  const post = async (name: string, id: string, body: string) => {
    const r = await fetch(`${servers.get(name)?.baseUrl}/posts/${id}/comments/bulk`, { method: 'POST', body });
    return { status: r.status, error: ((await r.json()) as { error?: string }).error ?? '' };
  };
  const count = (name: string) =>
    withClient(
      own.get(name)?.postgres?.url ?? '',
      async (c) => (await c.query<{ n: number }>('SELECT count(*)::int AS n FROM comments')).rows[0]?.n ?? -1,
    );
  const body = (n: number, authorAt?: { index: number; id: number }): BulkBody => {
    const b = bulkWrite.body(createRng(1), env.info);
    const comments = Array.from({ length: n }, (_, i) => ({ ...(b.comments[i % b.comments.length] as BulkBody['comments'][number]) }));
    if (authorAt) (comments[authorAt.index] as { authorId: number }).authorId = authorAt.id;
    return { comments };
  };

  it('answers 400 with the reason: 0 or 1 001 comments, malformed JSON, bad fields — for every strategy', async (t) => {
    if (skipUnlessUp(t, env, ['postgres'])) return;
    for (const name of names) {
      const before = await count(name);
      const c = body(1).comments[0];
      const cases: Array<[string, RegExp]> = [
        [JSON.stringify({ comments: [] }), /comments must be an array of 1–1000 comments/],
        [JSON.stringify(body(1001)), /comments must be an array of 1–1000 comments/],
        ['{"comments": [', /body must be JSON/],
        [JSON.stringify([c]), /body must be an object/],
        [JSON.stringify({ comments: [{ ...c, authorId: 'x' }] }), /comments\[0\]\.authorId must be a positive integer/],
        [JSON.stringify({ comments: [c, { ...c, body: '' }] }), /comments\[1\]\.body must be 1–2000 characters/],
        [JSON.stringify({ comments: [{ ...c, createdAt: '2100-02-30T00:00:00.000Z' }] }), /comments\[0\]\.createdAt must be an ISO-8601/],
        [JSON.stringify({ comments: [{ ...c, body: 'a\u0000b' }] }), /must not contain NUL/],
      ];
      for (const [payload, reason] of cases) {
        const r = await post(name, '1', payload);
        assert.equal(r.status, 400, `${name}: ${payload.slice(0, 60)}`);
        assert.match(r.error, reason, name);
      }
      assert.equal((await post(name, 'abc', JSON.stringify(body(1)))).status, 400, `${name}: non-numeric post id`);
      assert.equal(await count(name), before, `${name} stored nothing`);
    }
  });

  it('answers 404 for an unknown post, storing nothing; an unknown author mid-batch leaves rows only where autocommit does', async (t) => {
    if (skipUnlessUp(t, env, ['postgres'])) return;
    const missingPost = String(env.info.counts.posts + 1000);
    const unknownAuthor = env.info.counts.users + 1000;
    for (const name of names) {
      const before = await count(name);
      const r = await post(name, missingPost, JSON.stringify(body(100)));
      assert.equal(r.status, 404, name);
      assert.match(r.error, /no such post or author/);
      assert.equal(await count(name), before, `${name}: nothing stored for an unknown post`);
      const m = await post(name, '1', JSON.stringify(body(100, { index: 49, id: unknownAuthor })));
      assert.equal(m.status, 404, name);
      // pg-row-loop commits each row: the 49 before the unknown author stay, as its file says. The others are atomic.
      assert.equal(await count(name), before + (name === 'pg-row-loop' ? 49 : 0), name);
    }
  });

  it('takes 1 000 comments of up to 2 000 characters in one request (its own body limit, above the default 64 KiB)', async (t) => {
    if (skipUnlessUp(t, env, ['postgres'])) return;
    const big = body(1000);
    for (const c of big.comments) c.body = 'x'.repeat(2000);
    const before = await count('pg-copy');
    const r = await fetch(`${servers.get('pg-copy')?.baseUrl}/posts/1/comments/bulk`, { method: 'POST', body: JSON.stringify(big) });
    assert.equal(r.status, 201, await r.text());
    assert.equal(await count('pg-copy'), before + 1000);
  });
});
