import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { MongoClient } from 'mongodb';
import { makeTempDir, runCleanups } from '../../core/lifecycle.ts';
import { MONGO_NOT_FOUND, describeServer, findMongoBinary, startMongo, type RunningMongo } from './mongo.ts';
import { isGone, skipIfMissing } from '../../testing/backends.ts';

const found = findMongoBinary();
const missing = found ? null : MONGO_NOT_FOUND;

describe('startMongo: mongod or FerretDB from PATH', () => {
  const root = makeTempDir('mongo-test');
  let mongo: RunningMongo;

  before(async () => {
    if (missing) return;
    mongo = await startMongo(root.path);
  });
  after(async () => {
    await runCleanups();
  });

  it('inserts and finds a document', async (t) => {
    if (skipIfMissing(t, missing)) return;
    assert.match(mongo.url, /^mongodb:\/\/127\.0\.0\.1:\d+\/accessbench$/);
    const client = new MongoClient(mongo.url, { serverSelectionTimeoutMS: 5000 });
    try {
      await client.connect();
      const posts = client.db().collection<{ _id: number; title: string; tags: string[] }>('posts');
      await posts.insertOne({ _id: 1, title: 'hello', tags: ['a', 'b'] });
      assert.deepEqual(await posts.findOne({ tags: 'b' }), { _id: 1, title: 'hello', tags: ['a', 'b'] });
    } finally {
      await client.close();
    }
  });

  it('names the server it started', async (t) => {
    if (skipIfMissing(t, missing)) return;
    assert.equal(mongo.kind, found?.kind);
    if (mongo.kind === 'ferretdb') assert.match(mongo.version, /^FerretDB 1\.24\.\d+ \(SQLite\)$/);
    else assert.match(mongo.version, /^MongoDB \d+\.\d+/);
  });

  it('stops by PID and removes its directory', async (t) => {
    if (skipIfMissing(t, missing)) return;
    assert.deepEqual(await runCleanups(), []);
    assert.ok(isGone(mongo.proc.pid), `${mongo.kind} pid ${mongo.proc.pid} still exists`);
    assert.equal(existsSync(root.path), false);
  });
});

describe('describeServer', () => {
  it('tells FerretDB from MongoDB by buildInfo', () => {
    assert.equal(describeServer({ version: '7.0.77', ferretdbVersion: 'v1.24.2' }), 'FerretDB 1.24.2 (SQLite)');
    assert.equal(describeServer({ version: '7.0.14' }), 'MongoDB 7.0.14');
  });
});

describe('startMongo: a missing binary', () => {
  it('says what is missing', async () => {
    await assert.rejects(startMongo('/nonexistent', '/nonexistent/ferretdb'), /not found or not executable/);
  });

  it('rejects a binary that is neither mongod nor ferretdb', async () => {
    await assert.rejects(startMongo('/nonexistent', '/bin/false'), /could not tell whether \/bin\/false is mongod or ferretdb/);
  });
});
