// The payload contract orders tags by name in byte order. A database whose default collation is a language's
// (the docker image's en_US) orders 'alpha' before 'Zeta'; byte order puts 'Zeta' first. Every PostgreSQL strategy
// must give byte order whatever the database's collation: here, a copy of the data in a database created with the
// ICU en-US collation, read in-process by each strategy.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { RawJson } from '../../src/core/context.ts';
import { withDatabase } from '../../src/runner/isolate.ts';
import { seedPostgres } from '../../src/seed/postgres.ts';
import { createCtx } from '../../src/server/context.ts';
import { loadAll, skipUnlessUp, startTestEnv, type TestEnv } from '../../src/testing/env.ts';
import type { PostDetail } from './contract.ts';

const STRATEGIES = [
  'pg-join',
  'pg-naive',
  'pg-denormalized',
  'pg-cached-memory',
  'prisma-naive',
  'prisma-include',
  'prisma-select',
  'prisma-join',
];
const DB = 'ab_collation_en_us';
const TAGS = ['Zeta-collation', 'alpha-collation'];

describe('post-detail tags in byte order under a language collation', () => {
  let env: TestEnv;
  let url = '';
  let postId = 0;
  let noIcu = '';
  before(async () => {
    env = await startTestEnv(['postgres']);
    if (env.missing(['postgres'])) return;
    const main = env.infra.endpoints.postgres?.url ?? '';
    const admin = new pg.Client({ connectionString: withDatabase(main, 'postgres') });
    await admin.connect();
    try {
      if ((await admin.query(`SELECT 1 FROM pg_collation WHERE collprovider = 'i' LIMIT 1`)).rowCount === 0) {
        noIcu = 'this PostgreSQL has no ICU collations';
        return;
      }
      await admin.query(`DROP DATABASE IF EXISTS ${DB}`);
      await admin.query(`CREATE DATABASE ${DB} TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C' LOCALE_PROVIDER icu ICU_LOCALE 'en-US'`);
    } finally {
      await admin.end();
    }
    url = withDatabase(main, DB);
    await seedPostgres(url, env.dataset);
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      // A post with two tags gets two names that en-US and byte order sort differently.
      const r = await c.query<{ post_id: number; tags: number[] }>(
        `SELECT post_id, array_agg(tag_id ORDER BY tag_id) AS tags FROM post_tags GROUP BY post_id HAVING count(*) = 2 ORDER BY post_id LIMIT 1`,
      );
      const row = r.rows[0];
      assert.ok(row, 'a post with two tags');
      postId = row.post_id;
      await c.query('UPDATE tags SET name = $1 WHERE id = $2', [TAGS[1], row.tags[0]]);
      await c.query('UPDATE tags SET name = $1 WHERE id = $2', [TAGS[0], row.tags[1]]);
      await c.query('SELECT accessbench_refresh_post_detail_view()');
      const order = await c.query<{ name: string }>('SELECT name FROM unnest($1::text[]) AS name ORDER BY name', [TAGS]);
      assert.deepEqual(
        order.rows.map((x) => x.name),
        [...TAGS].reverse(),
        'the database collation really orders differently from bytes',
      );
    } finally {
      await c.end();
    }
  });
  after(async () => env?.stop());

  it('every PostgreSQL strategy lists the tags in byte order', async (t) => {
    if (skipUnlessUp(t, env, ['postgres'])) return;
    if (noIcu) return void t.skip(noIcu);
    const { strategies } = await loadAll('post-detail', STRATEGIES);
    for (const s of strategies) {
      const { ctx, close } = await createCtx({ ...env.infra.endpoints, postgres: { ...env.infra.endpoints.postgres!, url } }, s);
      try {
        const got = await s.read({ id: postId }, ctx);
        const payload = (got instanceof RawJson ? JSON.parse(got.text) : got) as PostDetail;
        assert.deepEqual(payload.tags, TAGS, s.name);
      } finally {
        await close();
      }
    }
  });
});
