// Seeding against real PostgreSQL: what goes in comes back out, row for row.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { skipUnlessUp, startTestEnv, type TestEnv } from '../testing/env.ts';
import { databaseRowsHash, datasetHash } from '../testing/rows.ts';

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
    assert.equal(await databaseRowsHash(db), datasetHash(env.dataset));
  });

  it('leaves every table vacuumed and analyzed, with nothing for autovacuum to do', async (t) => {
    if (skipUnlessUp(t, env, ['postgres'])) return;
    const r = await db.query<Record<string, unknown>>(
      `SELECT relname, last_vacuum IS NOT NULL AS vacuumed, last_analyze IS NOT NULL AS analyzed,
              n_dead_tup::int AS dead, n_ins_since_vacuum::int AS "insertedSinceVacuum", n_mod_since_analyze::int AS "modifiedSinceAnalyze"
       FROM pg_stat_user_tables ORDER BY relname`,
    );
    assert.ok(r.rows.length >= 7, 'every table is listed');
    for (const row of r.rows)
      assert.deepEqual(row, { ...row, vacuumed: true, analyzed: true, dead: 0, insertedSinceVacuum: 0, modifiedSinceAnalyze: 0 });
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
