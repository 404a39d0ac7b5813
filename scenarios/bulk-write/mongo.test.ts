// bulk-write on MongoDB through Mongoose, each strategy on its own seeded database: verification against the
// PostgreSQL reference (the read-back equals pg-unnest's payload with the 100 comments appended), the commands each
// declares for its write, the stored documents, and 404s that store nothing. On FerretDB a run skips these strategies
// (concurrent $inc on the id counter loses updates), but verification, one write at a time, holds there too.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import mongoose from 'mongoose';
import { models } from '../../datasets/mongo/models.ts';
import { createRng } from '../../src/core/rng.ts';
import type { Endpoints } from '../../src/core/infra.ts';
import { unsupportedReason } from '../../src/runner/limits.ts';
import { loadAll, problemsOf, skipUnlessUp, startTestEnv, verifyIsolatedForTest, type TestEnv } from '../../src/testing/env.ts';
import type { Verified } from '../../src/verify/scenario.ts';
import { bulkWrite } from './contract.ts';

const NEEDS = ['postgres', 'mongo'] as const;
const NAMES = ['mongoose-save-loop', 'mongoose-insert-many', 'mongoose-insert-many-unordered'];
const DECLARED: Record<string, number> = { 'mongoose-save-loop': 103, 'mongoose-insert-many': 4, 'mongoose-insert-many-unordered': 4 };

describe('bulk-write on MongoDB (Mongoose)', () => {
  let env: TestEnv;
  let verified: Verified[] = [];
  let own = new Map<string, Endpoints>();
  const conns: mongoose.Connection[] = [];
  const connect = async (name: string): Promise<mongoose.Connection> => {
    const c = await mongoose.createConnection(own.get(name)?.mongo?.url as string).asPromise();
    conns.push(c);
    return c;
  };
  before(async () => {
    env = await startTestEnv([...NEEDS]);
    if (env.missing(NEEDS)) return;
    ({ verified, own } = await verifyIsolatedForTest(env, 'bulk-write', NAMES, { samples: 6 }));
  });
  after(async () => {
    for (const v of verified) if (v.status === 'passed') await v.server.stop();
    for (const c of conns) await c.close();
    await env?.stop();
  });

  it('each passes verification against pg-unnest, its write issuing the commands it declares', (t) => {
    if (skipUnlessUp(t, env, NEEDS)) return;
    for (const v of verified) {
      assert.ok(v.status === 'passed', `${v.strategy.name}: ${problemsOf(v)}`);
      assert.equal(v.outcome.cost.writes?.queriesPerWrite, DECLARED[v.strategy.name], v.strategy.name);
      assert.equal(v.outcome.cost.writes?.rowsWrittenPerWrite, 100, v.strategy.name);
    }
  });

  it('stores the 100 comments with consecutive new ids, in the order sent; the counter moved by 100', async (t) => {
    if (skipUnlessUp(t, env, NEEDS)) return;
    const seededMax = env.dataset.comments.length;
    const sent = bulkWrite.verify?.body(null).comments ?? [];
    for (const name of NAMES) {
      const m = models(await connect(name));
      const docs = await m.Comment.find({ _id: { $gt: seededMax } })
        .sort({ _id: 1 })
        .lean();
      assert.deepEqual(
        docs.map((d) => d._id),
        Array.from({ length: 100 }, (_, i) => seededMax + 1 + i),
        name,
      );
      assert.deepEqual(
        docs.map((d) => ({ authorId: d.authorId, body: d.body, createdAt: d.createdAt.toISOString() })),
        sent,
        name,
      );
      assert.equal((await m.Counter.findById('comments').lean())?.seq, seededMax + 100, name);
    }
  });

  it('answers 404 for an unknown post or author before writing anything', async (t) => {
    if (skipUnlessUp(t, env, NEEDS)) return;
    const body = bulkWrite.body(createRng(3), env.info);
    const badAuthor = { comments: body.comments.map((c, i) => (i === 49 ? { ...c, authorId: env.info.counts.users + 1000 } : c)) };
    for (const v of verified) {
      if (v.status !== 'passed') continue;
      const m = models(await connect(v.strategy.name));
      const before = await m.Comment.countDocuments();
      for (const [id, b] of [
        [env.info.counts.posts + 1000, body],
        [1, badAuthor],
      ] as const) {
        const r = await fetch(`${v.server.baseUrl}/posts/${id}/comments/bulk`, { method: 'POST', body: JSON.stringify(b) });
        assert.equal(r.status, 404, `${v.strategy.name}: ${await r.text()}`);
      }
      assert.equal(await m.Comment.countDocuments(), before, v.strategy.name);
    }
  });

  it('a run skips them on FerretDB, with the reason', async (t) => {
    if (skipUnlessUp(t, env, NEEDS)) return;
    const mongo = env.infra.backends.find((b) => b.need === 'mongo');
    assert.ok(mongo);
    const ferret = [{ ...mongo, server: 'FerretDB 1.24.2' }];
    const real = [{ ...mongo, server: 'MongoDB 7.0.14' }];
    const { scenario, strategies } = await loadAll('bulk-write', NAMES);
    for (const s of strategies) {
      assert.match(unsupportedReason(s, scenario, ferret, 'tiny') ?? '', /FerretDB#3040/, s.name);
      assert.equal(unsupportedReason(s, scenario, real, 'small'), null, s.name);
    }
  });
});
