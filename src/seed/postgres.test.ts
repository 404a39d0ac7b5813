// Seeding against real PostgreSQL: what goes in comes back out, row for row.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { skipUnlessUp, startTestEnv, type TestEnv } from '../testing/env.ts';
import { datasetHash } from '../../datasets/hash.ts';

describe('seedPostgres', () => {
  let env: TestEnv;
  let db: pg.Client;
  before(async () => {
    env = await startTestEnv(['postgres']);
    if (env.infra.endpoints.postgres) {
      db = new pg.Client({ connectionString: env.infra.endpoints.postgres.url });
      await db.connect();
    }
  });
  after(async () => {
    await db?.end();
    await env?.stop();
  });

  it('loads every generated row', async (t) => {
    if (skipUnlessUp(t, env, ['postgres'])) return;
    const counts = await db.query<Record<string, number>>(
      `SELECT (SELECT count(*) FROM users)::int AS users, (SELECT count(*) FROM tags)::int AS tags,
              (SELECT count(*) FROM posts)::int AS posts, (SELECT count(*) FROM comments)::int AS comments,
              (SELECT count(*) FROM post_tags)::int AS "postTags"`,
    );
    const ds = env.dataset;
    assert.deepEqual(counts.rows[0], {
      users: ds.users.length,
      tags: ds.tags.length,
      posts: ds.posts.length,
      comments: ds.comments.length,
      postTags: ds.postTags.length,
    });
  });

  it('stores the rows byte for byte (same hash as the generator)', async (t) => {
    if (skipUnlessUp(t, env, ['postgres'])) return;
    const ms = (col: string) => `(extract(epoch from ${col}) * 1000)::bigint::float8 AS "createdAt"`;
    const q = async (sql: string) => (await db.query(sql)).rows;
    const fromDb = {
      preset: env.dataset.preset,
      seed: env.dataset.seed,
      users: await q(`SELECT id, username, display_name AS "displayName", email, bio, ${ms('created_at')} FROM users ORDER BY id`),
      tags: await q(`SELECT id, name FROM tags ORDER BY id`),
      posts: await q(`SELECT id, author_id AS "authorId", title, body, ${ms('created_at')} FROM posts ORDER BY id`),
      comments: await q(`SELECT id, post_id AS "postId", author_id AS "authorId", body, ${ms('created_at')} FROM comments ORDER BY id`),
      postTags: await q(`SELECT post_id AS "postId", tag_id AS "tagId" FROM post_tags ORDER BY post_id, tag_id`),
    };
    assert.equal(datasetHash(fromDb), datasetHash(env.dataset));
  });

  it('moves the comment id sequence past the seeded ids', async (t) => {
    if (skipUnlessUp(t, env, ['postgres'])) return;
    const r = await db.query<{ id: number }>(
      `INSERT INTO comments (post_id, author_id, body, created_at) VALUES (1, 1, 'x', now()) RETURNING id`,
    );
    assert.equal(r.rows[0]?.id, env.dataset.comments.length + 1);
    await db.query('DELETE FROM comments WHERE id = $1', [r.rows[0]?.id]);
  });
});
