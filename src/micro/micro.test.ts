import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Result } from '../results/schema.ts';
import { startTestEnv, skipUnlessUp, type TestEnv } from '../testing/env.ts';
import { canonicalJson } from '../verify/canonical.ts';
import { queryPostDetail } from '../../scenarios/post-detail/postgres/pg-join.ts';
import { readFeedJson } from '../../scenarios/feed/postgres/pg-join.ts';
import { selectSummary } from '../../scenarios/user-summary/postgres/pg-join.ts';
import { capturePrismaFixture, fixtureText } from '../testing/capture-prisma.ts';
import { hydrationInputs, hydrationPaths } from './hydration.ts';
import { microGroups, runMicro } from './index.ts';
import {
  FEED_PAGE,
  feedPayload,
  indexed,
  pgPostDetailRows,
  POST_10,
  POST_100,
  postDetailPayload,
  SUMMARY_USER,
  userSummaryPayload,
} from './inputs.ts';
import { FIXTURE_URL, loadPrismaFixture } from './prisma-replay.ts';
import { allCapturedQueries, commentWireValues, mapPgRows, parseCommentRows, prismaReplay } from './row-mapping.ts';
import { parseAndStringify, passThrough, serializationInputs } from './serialization.ts';

function deepFreeze<T>(v: T): T {
  if (v && typeof v === 'object' && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const x of Object.values(v)) deepFreeze(x);
  }
  return v;
}

describe('runMicro', () => {
  it('times every declared benchmark and returns entries valid under Result.micro', async () => {
    const replay = prismaReplay(allCapturedQueries());
    const declared = microGroups(replay).flatMap((g) => g.benches.map((b) => `${g.group} / ${b.name}`));
    await replay.close();
    const results = await runMicro({ quick: true });
    assert.deepEqual(
      results.map((r) => `${r.group} / ${r.name}`),
      declared,
    );
    assert.equal(new Set(declared).size, declared.length, 'benchmark names are unique');
    // zod strips unknown keys: an equal parse also proves there are none.
    assert.deepEqual(Result.shape.micro.parse(results), results);
    for (const r of results) {
      assert.ok(Number.isFinite(r.opsPerSec) && r.opsPerSec > 0, `${r.name}: opsPerSec ${r.opsPerSec}`);
      assert.ok(Number.isFinite(r.meanNs) && r.meanNs > 0, `${r.name}: meanNs ${r.meanNs}`);
      assert.ok(r.samples > 0, `${r.name}: samples ${r.samples}`);
    }
  });
});

describe('serialization inputs', () => {
  it('pass-through and parse + stringify produce byte-identical JSON text of the same payload', () => {
    const i = serializationInputs();
    for (const [text, payload] of [
      [i.post100Text, i.post100],
      [i.feedText, i.feed],
    ] as const) {
      const raw = passThrough(text);
      assert.ok(raw.equals(parseAndStringify(text)));
      assert.equal(raw.toString('utf8'), JSON.stringify(payload));
    }
    assert.equal(i.post10.comments.length, 10);
    assert.equal(i.post100.comments.length, 100);
    assert.equal(i.feed.posts.length, 20);
  });
});

describe('hydration inputs', () => {
  it('hydrated and new documents serialize (toJSON) to exactly the lean object, and give the same payload', () => {
    const inputs = hydrationInputs();
    deepFreeze(inputs.post); // Mongoose must not write into what the driver returned: each iteration reuses it
    deepFreeze(inputs.feed);
    const p = hydrationPaths(inputs);
    assert.deepEqual(p.hydratePostToJson(), inputs.post);
    assert.deepEqual(p.newPostToJson(), inputs.post);
    assert.deepEqual(p.hydrateFeedToJson(), inputs.feed);
    assert.deepEqual(p.newFeedToJson(), inputs.feed);
    assert.deepEqual(p.hydratedPostPayload(), p.leanPostPayload());
    assert.deepEqual(p.leanPostPayload(), postDetailPayload(indexed(), POST_100));
    assert.deepEqual(p.hydratedFeedPayload(), p.leanFeedPayload());
    assert.deepEqual(p.leanFeedPayload(), feedPayload(indexed(), FEED_PAGE).posts);
  });
});

describe('row-mapping inputs', () => {
  it('the hand mapping and Prisma over the replayed (frozen) adapter rows give the same payload', async () => {
    // Frozen: the replay hands Prisma the same result objects on every call, so Prisma must never mutate them.
    const replay = prismaReplay(deepFreeze(allCapturedQueries()));
    try {
      for (const id of [POST_10, POST_100]) {
        const expected = postDetailPayload(indexed(), id);
        assert.equal(canonicalJson(mapPgRows(pgPostDetailRows(indexed(), id))), canonicalJson(expected));
        assert.equal(canonicalJson(await replay.read(id)), canonicalJson(expected));
        assert.equal(canonicalJson(await replay.read(id)), canonicalJson(expected), 'a second read replays the same');
      }
    } finally {
      await replay.close();
    }
  });

  it("pg's text-protocol parser turns the wire values into the rows the hand mapping starts from", () => {
    const rows = pgPostDetailRows(indexed(), POST_100);
    assert.deepEqual(parseCommentRows(commentWireValues(rows)), rows.comments);
  });
});

describe('micro inputs against a real PostgreSQL (tiny, seed 42)', () => {
  let env: TestEnv;
  before(async () => {
    env = await startTestEnv(['postgres']);
  });
  after(async () => {
    await env?.stop();
  });

  it('the Prisma fixture is what @prisma/adapter-pg returns today for prisma-include', async (t) => {
    if (skipUnlessUp(t, env, ['postgres'])) return;
    const url = env.infra.endpoints.postgres?.url ?? '';
    const live = await capturePrismaFixture(url);
    assert.deepEqual(live.posts, loadPrismaFixture().posts, 'stale fixture: npx tsx src/testing/capture-prisma.ts');
    assert.equal(await fixtureText(live), readFileSync(FIXTURE_URL, 'utf8'), 'the stored fixture is the capture, formatted');
  });

  it('the payloads built from the generator equal pg-join (the reference) on the seeded data', async (t) => {
    if (skipUnlessUp(t, env, ['postgres'])) return;
    const db = env.factsCtx.pg;
    const ix = indexed();
    for (const id of [POST_10, POST_100]) {
      assert.equal(canonicalJson(postDetailPayload(ix, id)), canonicalJson(JSON.parse((await queryPostDetail(db, id)) ?? 'null')));
    }
    assert.equal(canonicalJson(feedPayload(ix, FEED_PAGE)), canonicalJson(JSON.parse(await readFeedJson(db, FEED_PAGE))));
    assert.equal(
      canonicalJson(userSummaryPayload(ix, SUMMARY_USER)),
      canonicalJson(JSON.parse((await selectSummary(db, SUMMARY_USER)) ?? 'null')),
    );
  });

  it('the wire values the pg parsing benchmark feeds are what PostgreSQL sends (text format, UTC)', async (t) => {
    if (skipUnlessUp(t, env, ['postgres'])) return;
    const client = await env.factsCtx.pg.connect();
    try {
      await client.query("SET TIME ZONE 'UTC'");
      const r = await client.query<string[]>({
        text: 'SELECT id::text, post_id::text, author_id::text, body, created_at::text FROM comments WHERE post_id = $1 ORDER BY created_at, id',
        values: [POST_100],
        rowMode: 'array',
      });
      assert.deepEqual(r.rows, commentWireValues(pgPostDetailRows(indexed(), POST_100)));
    } finally {
      await client.query('RESET TIME ZONE');
      client.release();
    }
  });
});
