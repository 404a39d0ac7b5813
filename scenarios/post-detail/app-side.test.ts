// post-detail's application-side strategies against real PostgreSQL: the parallel N+1 and the three GraphQL
// resolver sets return the reference payload with their declared queries (GraphQL reached over POST /graphql, as
// the load sends it), and GraphQL's request errors answer 4xx.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { problemsOf, skipUnlessUp, startTestEnv, verifyForTest, type TestEnv } from '../../src/testing/env.ts';
import type { Verified } from '../../src/verify/scenario.ts';
import { POST_DETAIL_OPERATION } from './lib/graphql.ts';

const PARALLEL = ['pg-naive-parallel', 'prisma-naive-parallel'];
const GRAPHQL = ['graphql-naive', 'graphql-dataloader', 'graphql-lookahead'];
const STRATEGIES = ['pg-naive', ...PARALLEL, ...GRAPHQL];

const gql = (query: string, variables: unknown): string => JSON.stringify({ query, variables });

describe('post-detail: parallel awaits and GraphQL on PostgreSQL', () => {
  let env: TestEnv;
  let verified: Verified[] = [];
  before(async () => {
    env = await startTestEnv(['postgres']);
    if (!env.missing(['postgres'])) verified = await verifyForTest(env, 'post-detail', STRATEGIES);
  });
  after(async () => {
    for (const v of verified) if (v.status === 'passed') await v.server.stop();
    await env?.stop();
  });
  const server = (name: string) => {
    const v = verified.find((x) => x.strategy.name === name);
    assert.ok(v?.status === 'passed', `${name} passed verification: ${v ? problemsOf(v) : 'not verified'}`);
    return v.server;
  };

  for (const name of STRATEGIES) {
    it(`${name} returns the reference payload with its declared queries per request`, (t) => {
      if (skipUnlessUp(t, env, ['postgres'])) return;
      const v = verified.find((x) => x.strategy.name === name);
      assert.ok(v, `${name} was verified`);
      assert.equal(v.status, 'passed', problemsOf(v));
      assert.ok((v.outcome?.samples ?? 0) >= 20, 'at least 20 samples');
    });
  }

  it('the parallel strategies and graphql-naive issue exactly the statements of the sequential N+1', async (t) => {
    if (skipUnlessUp(t, env, ['postgres'])) return;
    const id = env.info.fanoutPosts[10] as number;
    const tags = env.dataset.postTags.filter((pt) => pt.postId === id).length;
    const base = await server('pg-naive').trace('GET', `/posts/${id}`);
    assert.equal(base.queries, 4 + 10 + tags);
    const norm = (s: string[]) => s.map((x) => x.replace(/\s+/g, ' ')).sort();
    assert.deepEqual(norm((await server('pg-naive-parallel').trace('GET', `/posts/${id}`)).statements), norm(base.statements));
    const g = await server('graphql-naive').trace('POST', '/graphql', gql(POST_DETAIL_OPERATION, { id }));
    assert.equal(g.status, 200, g.body);
    assert.equal(g.queries, base.queries);
  });

  it('graphql-dataloader and graphql-lookahead do not grow with the fan-out', async (t) => {
    if (skipUnlessUp(t, env, ['postgres'])) return;
    for (const [name, most] of [
      ['graphql-dataloader', 6],
      ['graphql-lookahead', 1],
    ] as const) {
      for (const comments of [1, 100]) {
        const id = env.info.fanoutPosts[comments];
        const r = await server(name).trace('POST', '/graphql', gql(POST_DETAIL_OPERATION, { id }));
        assert.equal(r.status, 200, r.body);
        assert.ok(r.queries <= most, `${name}, ${comments} comments: ${r.queries} queries`);
        assert.equal((JSON.parse(r.body) as { data: { post: { comments: unknown[] } } }).data.post.comments.length, comments);
      }
    }
  });

  it('answers GraphQL errors and bad variables with 400, an unknown post with data.post = null', async (t) => {
    if (skipUnlessUp(t, env, ['postgres'])) return;
    for (const name of GRAPHQL) {
      const s = server(name);
      const post = async (body: string) => s.trace('POST', '/graphql', body);
      const bad = [
        await post('not json'),
        await post(JSON.stringify({ variables: { id: 1 } })),
        await post(gql('query { post(id: 1) { id ', {})),
        await post(gql('query { post(id: 1) { nope } }', {})),
        await post(gql(POST_DETAIL_OPERATION, { id: 'abc' })),
        await post(gql(POST_DETAIL_OPERATION, {})),
        await post(gql(POST_DETAIL_OPERATION, { id: 0 })),
      ];
      for (const [i, r] of bad.entries()) {
        assert.equal(r.status, 400, `${name}, bad request ${i}: ${r.body}`);
        assert.ok(Array.isArray((JSON.parse(r.body) as { errors: unknown[] }).errors), `${name}, bad request ${i} has errors`);
      }
      const missing = await post(gql(POST_DETAIL_OPERATION, { id: 999999999 }));
      assert.equal(missing.status, 200);
      assert.deepEqual(JSON.parse(missing.body), { data: { post: null } });
      // The REST route of the same strategy runs the same operation.
      assert.equal((await s.trace('GET', '/posts/999999999')).status, 404, name);
      assert.equal((await s.trace('GET', '/posts/abc')).status, 400, name);
    }
  });

  it('graphql-lookahead builds its statement from the selection: a smaller selection, a smaller reply', async (t) => {
    if (skipUnlessUp(t, env, ['postgres'])) return;
    const id = env.info.fanoutPosts[10];
    const q = 'query($id: Int!) { post(id: $id) { title ...A } } fragment A on Post { commentCount c: comments { id } }';
    const r = await server('graphql-lookahead').trace('POST', '/graphql', gql(q, { id }));
    assert.equal(r.status, 200, r.body);
    assert.equal(r.queries, 1);
    const post = (JSON.parse(r.body) as { data: { post: Record<string, unknown> } }).data.post;
    assert.deepEqual(Object.keys(post).sort(), ['c', 'commentCount', 'title']);
    assert.equal(post.commentCount, 10);
    assert.equal((post.c as unknown[]).length, 10);
    assert.ok(!/users/.test(r.statements.join(' ')), 'no users join when no author is selected');
  });
});
