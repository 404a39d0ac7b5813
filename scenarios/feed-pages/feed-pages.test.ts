// feed-pages against real PostgreSQL and MongoDB (or FerretDB): every strategy returns the OFFSET reference's rows
// for the same page at every depth the tiny preset has (the keyset ones from the cursor alone), with the queries it
// declares; a client following nextCursor from page 1 gets the cursors the load uses; bad input is a 400, a page
// past the data a 404, from every strategy.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { problemsOf, skipUnlessUp, startTestEnv, verifyForTest, type TestEnv } from '../../src/testing/env.ts';
import { fillRoute } from '../../src/core/route.ts';
import type { Verified } from '../../src/verify/scenario.ts';
import type { Need } from '../../src/core/scenario.ts';
import { depthsOf, encodeCursor, pagesOf, requestFor, type FeedPagesPage } from './contract.ts';

const PG = ['pg-offset', 'pg-keyset', 'prisma-skip', 'prisma-cursor'];
const MONGO = ['mongoose-skip', 'mongoose-range'];
const needsOf = (name: string): Need[] => (MONGO.includes(name) ? ['postgres', 'mongo'] : ['postgres']);

describe('feed-pages: OFFSET and keyset paging', () => {
  let env: TestEnv;
  let verified: Verified[] = [];
  const passed = (name: string): Extract<Verified, { status: 'passed' }> => {
    const v = verified.find((x) => x.strategy.name === name);
    assert.ok(v?.status === 'passed', `${name} passed verification: ${v ? problemsOf(v) : 'not verified'}`);
    return v;
  };
  const get = (name: string, params: Record<string, string>) => passed(name).server.trace('GET', fillRoute('/feed/pages', params));

  before(async () => {
    env = await startTestEnv(['postgres', 'mongo']);
    const names = [...PG, ...(env.missing(['mongo']) ? [] : MONGO)];
    verified = await verifyForTest(env, 'feed-pages', names);
  });
  after(async () => {
    for (const v of verified) if (v.status === 'passed') await v.server.stop();
    await env?.stop();
  });

  it('the depth points are 1, 10 and the last page on the tiny preset (15 pages), 1 000 where the data has it', () => {
    assert.deepEqual(depthsOf(env.info), [1, 10, 15]);
    const counts = (posts: number) => ({ ...env.info, counts: { ...env.info.counts, posts } });
    assert.deepEqual(depthsOf(counts(10_000)), [1, 10, 100, 500]);
    assert.deepEqual(depthsOf(counts(200_000)), [1, 10, 100, 1000]);
  });

  for (const name of [...PG, ...MONGO]) {
    it(`${name} returns the reference's rows at every depth and past the end, with its declared queries`, (t) => {
      if (skipUnlessUp(t, env, needsOf(name))) return;
      const v = passed(name);
      // Depths 1, 10, 15, the pages after them, page 2, one past the last (404), then drawn pages: every page of the
      // tiny preset and one past it.
      assert.equal(v.outcome?.samples, pagesOf(env.info) + 1);
      assert.deepEqual(v.outcome?.problems, []);
    });
  }

  it('the rows of a page come from the generated data in feed order (not only from the reference)', async (t) => {
    if (skipUnlessUp(t, env, ['postgres'])) return;
    const order = [...env.dataset.posts].sort((a, b) => b.createdAt - a.createdAt || b.id - a.id).map((p) => p.id);
    for (const page of [1, 10, pagesOf(env.info)]) {
      for (const name of ['pg-offset', 'pg-keyset']) {
        const r = await get(name, requestFor(env.info, page));
        assert.equal(r.status, 200, r.body);
        const body = JSON.parse(r.body) as FeedPagesPage;
        assert.deepEqual(
          body.posts.map((p) => p.id),
          order.slice((page - 1) * 20, page * 20),
          `${name} page ${page}`,
        );
      }
    }
  });

  it('a client following nextCursor from page 1 holds the cursor the load sends for every page, and the last page has none', async (t) => {
    if (skipUnlessUp(t, env, ['postgres'])) return;
    const last = pagesOf(env.info);
    for (const name of ['pg-keyset', 'prisma-cursor', ...(env.missing(['mongo']) ? [] : ['mongoose-range'])]) {
      let params: Record<string, string> = { page: '1' };
      for (let page = 1; page <= last; page++) {
        assert.deepEqual(params, requestFor(env.info, page), `${name}: the cursor of page ${page}`);
        const r = await get(name, params);
        assert.equal(r.status, 200, `${name} page ${page}: ${r.body}`);
        const body = JSON.parse(r.body) as FeedPagesPage;
        assert.equal(body.page, page);
        if (page === last) assert.equal(body.nextCursor, null, `${name}: the last page has no next cursor`);
        else params = { page: String(page + 1), cursor: body.nextCursor as string };
      }
    }
  });

  it('bad input is a 400 and a page past the data a 404, with a message, from every strategy', async (t) => {
    if (skipUnlessUp(t, env, ['postgres'])) return;
    const last = pagesOf(env.info);
    const cursor5 = requestFor(env.info, 5).cursor as string;
    const cases: Array<[Record<string, string>, number, RegExp]> = [
      [{ page: '0' }, 400, /page must be a positive integer/],
      [{ page: '10001', cursor: cursor5 }, 400, /page must be at most 10000/],
      [{ page: '5' }, 400, /page 5 needs the cursor of page 4/],
      [{ page: '1', cursor: cursor5 }, 400, /page 1 takes no cursor/],
      [{ page: '5', cursor: 'not a cursor!' }, 400, /cursor is malformed \(not base64url\)/],
      [{ page: '5', cursor: Buffer.from('hello,world').toString('base64url') }, 400, /cursor is malformed \(not a position/],
      [
        { page: '5', cursor: Buffer.from('2024-13-45T00:00:00.000Z,7').toString('base64url') },
        400,
        /cursor is malformed \(not a valid time/,
      ],
      [{ page: '5', cursor: encodeCursor({ createdAt: 0, id: 99_999_999_999 }) }, 400, /cursor is malformed/],
      [requestFor(env.info, last + 1), 404, /page 16 is beyond the last page of the feed/],
    ];
    for (const name of [...PG, ...(env.missing(['mongo']) ? [] : MONGO)]) {
      for (const [params, status, message] of cases) {
        const r = await get(name, params);
        assert.equal(r.status, status, `${name} ${JSON.stringify(params)}: ${r.body}`);
        assert.match((JSON.parse(r.body) as { error: string }).error, message, name);
      }
    }
  });
});
