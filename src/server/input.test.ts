// A strategy server is an HTTP endpoint like any other: whatever a client sends, bad input is a 400, a missing
// resource a 404 — never a 500, a hung request or a database error — and a rejected write writes nothing.
// Checked over real servers for each scenario's reference strategy (the load generator only sends valid requests).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { startStrategyServer, type StrategyServer } from './spawn.ts';
import { skipUnlessUp, startTestEnv, type TestEnv } from '../testing/env.ts';

interface Reply {
  status: number;
  body: string;
}

/** node:http rather than fetch: fetch refuses some of the malformed paths and bodies this test must send. */
function send(server: StrategyServer, method: string, path: string, body?: string | Buffer): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${server.baseUrl}${path}`,
      { method, headers: body === undefined ? {} : { 'content-type': 'application/json' } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.setTimeout(15_000, () => req.destroy(new Error(`${method} ${path}: no reply within 15 s`)));
    req.on('error', reject);
    req.end(body);
  });
}

const MAX_INT = '2147483647';
/** Ids that are not positive 32-bit integers, as a path segment. */
const BAD_IDS = ['abc', '0', '-1', '1.5', '1e3', '0x10', '01', '%20', '2147483648', '99999999999999999999', 'NaN', '%00', '%ZZ', '1%2F2'];

describe('served endpoints validate their input', () => {
  let env: TestEnv;
  const servers = new Map<string, StrategyServer>();
  const comments = async (): Promise<number> =>
    (await env.factsCtx.pg.query<{ n: number }>('SELECT count(*)::int AS n FROM comments')).rows[0]?.n ?? -1;

  before(async () => {
    env = await startTestEnv(['postgres']);
    if (env.missing(['postgres'])) return;
    for (const scenario of ['post-detail', 'feed', 'user-summary']) {
      servers.set(scenario, await startStrategyServer({ scenario, strategy: 'pg-join', endpoints: env.infra.endpoints, settings: {} }));
    }
  });
  after(async () => {
    for (const s of servers.values()) await s.stop();
    await env?.stop();
  });

  const server = (name: string): StrategyServer => servers.get(name) as StrategyServer;

  for (const [scenario, route] of [
    ['post-detail', (id: string) => `/posts/${id}`],
    ['user-summary', (id: string) => `/users/${id}/summary`],
  ] as const) {
    it(`${scenario}: a malformed id is a 400, an unknown one a 404, a known one a 200`, async (t) => {
      if (skipUnlessUp(t, env, ['postgres'])) return;
      for (const id of BAD_IDS) {
        const r = await send(server(scenario), 'GET', route(id));
        assert.equal(r.status, 400, `GET ${route(id)} → ${r.status} ${r.body}`);
        assert.match(JSON.parse(r.body).error as string, /id/, 'the error names the parameter');
      }
      for (const id of [String(env.info.counts.users + env.info.counts.posts + 1), MAX_INT]) {
        const r = await send(server(scenario), 'GET', route(id));
        assert.equal(r.status, 404, `GET ${route(id)} → ${r.status} ${r.body}`);
      }
      assert.equal((await send(server(scenario), 'GET', route('1'))).status, 200);
    });
  }

  it('feed: a malformed page is a 400, a page past the end is an empty 200', async (t) => {
    if (skipUnlessUp(t, env, ['postgres'])) return;
    for (const page of ['abc', '0', '-1', '1.5', '10001', '99999999999', '', '%00']) {
      const r = await send(server('feed'), 'GET', `/feed?page=${page}`);
      assert.equal(r.status, 400, `page=${page} → ${r.status} ${r.body}`);
    }
    const past = await send(server('feed'), 'GET', '/feed?page=10000');
    assert.equal(past.status, 200, past.body);
    assert.deepEqual(JSON.parse(past.body).posts, []);
    assert.equal((await send(server('feed'), 'GET', '/feed')).status, 200);
  });

  it('a malformed admin request is a 400 and the server lives on', async (t) => {
    if (skipUnlessUp(t, env, ['postgres'])) return;
    const s = server('post-detail');
    for (const body of ['not json', 'null', 'x'.repeat(70 * 1024)]) {
      const r = await send(s, 'POST', '/__ab/trace', body);
      assert.equal(r.status, 400, `trace with ${JSON.stringify(body.slice(0, 20))} → ${r.status} ${r.body}`);
    }
    assert.equal((await send(s, 'GET', '/posts/1')).status, 200, 'still serving');
    assert.ok(s.isRunning());
  });

  it('no such route is a 404; user-summary has no write route', async (t) => {
    if (skipUnlessUp(t, env, ['postgres'])) return;
    for (const [name, method, path] of [
      ['post-detail', 'GET', '/posts'],
      ['post-detail', 'GET', '/posts/1/'],
      ['post-detail', 'POST', '/posts/%ZZ/replies'],
      ['post-detail', 'DELETE', '/posts/1'],
      ['user-summary', 'POST', '/users/1/summary'],
      ['feed', 'GET', '/feeds'],
    ] as const) {
      const r = await send(server(name), method, path, method === 'POST' ? '{}' : undefined);
      assert.ok(r.status === 404 || r.status === 405, `${name}: ${method} ${path} → ${r.status} ${r.body}`);
    }
  });

  for (const scenario of ['post-detail', 'feed']) {
    it(`${scenario}: a malformed write is a 400 (or 404 for an unknown post/author) and writes nothing`, async (t) => {
      if (skipUnlessUp(t, env, ['postgres'])) return;
      const s = server(scenario);
      const valid = { authorId: 1, body: 'a comment' };
      const cases: Array<[string, string, string | Buffer, number]> = [
        ['not JSON', '/posts/1/comments', 'authorId=1&body=x', 400],
        ['empty body', '/posts/1/comments', '', 400],
        ['JSON null', '/posts/1/comments', 'null', 400],
        ['JSON array', '/posts/1/comments', '[1, "x"]', 400],
        ['authorId a string', '/posts/1/comments', JSON.stringify({ ...valid, authorId: '1' }), 400],
        ['authorId fractional', '/posts/1/comments', JSON.stringify({ ...valid, authorId: 1.5 }), 400],
        ['authorId beyond int4', '/posts/1/comments', JSON.stringify({ ...valid, authorId: 2 ** 31 }), 400],
        ['body missing', '/posts/1/comments', JSON.stringify({ authorId: 1 }), 400],
        ['body a number', '/posts/1/comments', JSON.stringify({ ...valid, body: 5 }), 400],
        ['body empty', '/posts/1/comments', JSON.stringify({ ...valid, body: '' }), 400],
        ['body of 2001 characters', '/posts/1/comments', JSON.stringify({ ...valid, body: 'x'.repeat(2001) }), 400],
        ['__proto__ instead of fields', '/posts/1/comments', '{"__proto__": {"authorId": 1, "body": "x"}}', 400],
        ['request over 64 KiB', '/posts/1/comments', JSON.stringify({ ...valid, pad: 'x'.repeat(70 * 1024) }), 400],
        ['post id malformed', '/posts/abc/comments', JSON.stringify(valid), 400],
        ['unknown post', `/posts/${MAX_INT}/comments`, JSON.stringify(valid), 404],
        ['unknown author', '/posts/1/comments', JSON.stringify({ ...valid, authorId: 2_000_000_000 }), 404],
      ];
      const before = await comments();
      for (const [what, path, body, status] of cases) {
        const r = await send(s, 'POST', path, body);
        assert.equal(r.status, status, `${what}: ${r.status} ${r.body.slice(0, 200)}`);
      }
      assert.equal(await comments(), before, 'no comment written by a rejected write');
      // The same server does write a valid comment: the count above could have moved.
      const ok = await send(s, 'POST', '/posts/1/comments', JSON.stringify(valid));
      assert.equal(ok.status, 201, ok.body);
      assert.equal(await comments(), before + 1);
    });
  }
});
