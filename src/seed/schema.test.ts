// Seeding sets the schema's indexes and constraints aside during the load and rebuilds them (deferred-ddl.ts). The
// result must be the schema the SQL files declare, exactly: compared here with the files applied to an empty database.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { skipUnlessUp, startTestEnv, type TestEnv } from '../testing/env.ts';
import { withDatabase } from '../runner/isolate.ts';
import { sqlFiles } from './postgres.ts';

/** Tables, columns, constraints and indexes of the public schema, as comparable text. */
async function describeSchema(url: string): Promise<Record<string, string[]>> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const rows = async (sql: string) => (await c.query<{ x: string }>(sql)).rows.map((r) => r.x);
    return {
      tables: await rows(`SELECT relname || ' ' || coalesce(array_to_string(reloptions, ','), '') AS x FROM pg_class
                          WHERE relnamespace = 'public'::regnamespace AND relkind = 'r' ORDER BY 1`),
      columns: await rows(`SELECT table_name || '.' || column_name || ' ' || data_type || ' null=' || is_nullable
                             || ' default=' || coalesce(column_default, '') || ' identity=' || is_identity
                             || ' pos=' || ordinal_position AS x
                           FROM information_schema.columns WHERE table_schema = 'public' ORDER BY 1`),
      constraints: await rows(`SELECT conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid)
                                 || ' valid=' || convalidated AS x
                               FROM pg_constraint WHERE connamespace = 'public'::regnamespace ORDER BY 1`),
      indexes: await rows(`SELECT indexdef AS x FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1`),
      functions: await rows(
        `SELECT proname || ' ' || md5(prosrc) AS x FROM pg_proc WHERE pronamespace = 'public'::regnamespace ORDER BY 1`,
      ),
    };
  } finally {
    await c.end();
  }
}

describe('the seeded schema', () => {
  let env: TestEnv;
  before(async () => {
    env = await startTestEnv(['postgres']);
  });
  after(async () => {
    await env?.stop();
  });

  it('is exactly the schema the SQL files declare', async (t) => {
    if (skipUnlessUp(t, env, ['postgres'])) return;
    const url = env.infra.endpoints.postgres?.url as string;
    const admin = new pg.Client({ connectionString: withDatabase(url, 'postgres') });
    await admin.connect();
    await admin.query('CREATE DATABASE schema_only');
    await admin.end();
    const c = new pg.Client({ connectionString: withDatabase(url, 'schema_only') });
    await c.connect();
    for (const f of sqlFiles()) await c.query(readFileSync(f, 'utf8'));
    await c.end();
    const declared = await describeSchema(withDatabase(url, 'schema_only'));
    assert.ok(declared.indexes && declared.indexes.length >= 10, 'the comparison sees the indexes');
    assert.deepEqual(await describeSchema(url), declared);
  });
});
