// user-summary on MongoDB through Mongoose, against the PostgreSQL reference: each Mongo strategy's summary equals
// pg-join's for the same users (the cross-database check), with the commands it declares.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import mongoose from 'mongoose';
import { models } from '../../datasets/mongo/models.ts';
import { loadStrategy } from '../../src/core/registry.ts';
import { problemsOf, skipUnlessUp, startTestEnv, verifyForTest, type TestEnv } from '../../src/testing/env.ts';
import type { Verified } from '../../src/verify/scenario.ts';

const NEEDS = ['postgres', 'mongo'] as const;
// FerretDB 1.24 scans the comments collection for every countDocuments, so mongoose-naive's most prolific author
// (user 1: 84 posts, 170 commands) takes 10–20 s there alone, and more than the 30 s a verified request may take when
// the machine is busy. mongoose-naive is verified on the edge users (that one, a user without posts, an unknown id)
// plus one drawn user, on FerretDB without user 1 (its N+1 is counted on lighter authors below, and the widest one on
// MongoDB); the others on 20 users.
const NAIVE_SAMPLES = 4;
/** The traced requests below, which FerretDB serves in seconds to tens of seconds (223 commands in the last test). */
const SLOW_TRACE_MS = 180_000;

describe('user-summary on MongoDB (Mongoose)', () => {
  let env: TestEnv;
  let verified: Verified[] = [];
  const passed = (name: string): Extract<Verified, { status: 'passed' }> => {
    const v = verified.find((x) => x.strategy.name === name);
    assert.ok(v?.status === 'passed', `${name} passed verification: ${v ? problemsOf(v) : 'not verified'}`);
    return v;
  };
  const ferret = (): boolean => /^FerretDB/.test(env.infra.endpoints.mongo?.server ?? '');
  const queries = async (name: string, id: number): Promise<number> => {
    const r = await passed(name).server.trace('GET', `/users/${id}/summary`, undefined, SLOW_TRACE_MS);
    assert.equal(r.status, 200, `${name} user ${id}: ${r.body.slice(0, 200)}`);
    return r.queries;
  };
  /** Users by post count, from the generated rows. */
  const authors = (): Array<{ id: number; posts: number; tags: number }> => {
    const posts = new Map<number, number[]>();
    for (const p of env.dataset.posts) posts.set(p.authorId, [...(posts.get(p.authorId) ?? []), p.id]);
    return [...posts]
      .map(([id, ids]) => ({ id, posts: ids.length, tags: env.dataset.postTags.filter((pt) => ids.includes(pt.postId)).length }))
      .sort((a, b) => b.posts - a.posts);
  };

  before(async () => {
    env = await startTestEnv([...NEEDS]);
    if (env.missing(NEEDS)) return;
    verified = [
      ...(await verifyForTest(env, 'user-summary', ['mongoose-naive'], NAIVE_SAMPLES, (p) => !ferret() || p.id !== '1')),
      ...(await verifyForTest(env, 'user-summary', ['mongoose-lean', 'mongoose-aggregate'], 12)),
    ];
  });
  after(async () => {
    for (const v of verified) if (v.status === 'passed') await v.server.stop();
    await env?.stop();
  });

  it('mongoose-naive returns the PostgreSQL reference summary with its declared commands', (t) => {
    if (skipUnlessUp(t, env, NEEDS)) return;
    assert.equal(passed('mongoose-naive').outcome.samples, NAIVE_SAMPLES - (ferret() ? 1 : 0));
  });

  it('mongoose-lean returns the PostgreSQL reference summary with its declared commands', (t) => {
    if (skipUnlessUp(t, env, NEEDS)) return;
    assert.ok(passed('mongoose-lean').outcome.samples >= 12);
  });

  it('mongoose-aggregate: one pipeline on MongoDB; on FerretDB 1.24 (no $facet) it fails with the server error', (t) => {
    if (skipUnlessUp(t, env, NEEDS)) return;
    const v = verified.find((x) => x.strategy.name === 'mongoose-aggregate');
    assert.ok(v);
    if (!ferret()) return void passed('mongoose-aggregate');
    assert.equal(v.status, 'failed');
    assert.match(v.status === 'failed' ? v.reason : '', /status 500.*\$facet.*not implemented/);
  });

  it('mongoose-naive sends 2 + 2·posts commands; mongoose-lean a constant', async (t) => {
    if (skipUnlessUp(t, env, NEEDS)) return;
    const all = authors();
    const light = all.find((a) => a.posts <= 3) as (typeof all)[number];
    const medium = all.find((a) => a.posts >= 8 && a.posts <= 15) as (typeof all)[number];
    for (const u of [light, medium]) {
      assert.equal(await queries('mongoose-naive', u.id), 2 + 2 * u.posts, `naive, user ${u.id} with ${u.posts} posts`);
      assert.equal(await queries('mongoose-lean', u.id), 3 + (u.tags ? 1 : 0), `lean, user ${u.id}`);
    }
    if (env.info.idleUser !== undefined) assert.equal(await queries('mongoose-lean', env.info.idleUser), 2, 'lean, a user without posts');
    assert.equal((await passed('mongoose-lean').server.trace('GET', '/users/999999/summary')).status, 404);
    assert.equal((await passed('mongoose-lean').server.trace('GET', '/users/abc/summary')).status, 400);
  });

  // Last: it adds posts to the Mongo data. Beyond the first batch (101 documents) the driver fetches the rest of a
  // find with a getMore, one more command than 2 + 2·posts; the expectation must say so or verification fails on
  // any author with more posts (real MongoDB, the small preset and up).
  it("mongoose-naive's expectation counts the getMore of an author with more than 101 posts", async (t) => {
    if (skipUnlessUp(t, env, NEEDS) || env.info.idleUser === undefined) return;
    const id = env.info.idleUser;
    const conn = await mongoose.createConnection(env.infra.endpoints.mongo?.url ?? '').asPromise();
    try {
      const { Post } = models(conn);
      const posts = Array.from({ length: 110 }, (_, i) => ({
        _id: 900_000 + i,
        authorId: id,
        title: `extra ${i}`,
        body: 'more posts than one batch holds',
        createdAt: new Date(Date.UTC(2024, 0, 1, 0, i)),
        tagIds: [],
      }));
      await Post.insertMany(posts);
    } finally {
      await conn.close();
    }
    const { strategy } = await loadStrategy('user-summary', 'mongoose-naive');
    assert.equal(strategy.expectQueries({ exists: 1, posts: 110 }), 2 + 2 * 110 + 1);
    assert.equal(await queries('mongoose-naive', id), strategy.expectQueries({ exists: 1, posts: 110 }));
  });
});
