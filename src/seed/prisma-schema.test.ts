// The DDL is applied from datasets/01-schema.sql (Prisma's migrate cannot run offline); datasets/prisma/schema.prisma
// only generates the client. This test keeps the two in step: every model reads from the real tables, and every
// column of every table is a field of its model (and nothing more).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { skipUnlessUp, startTestEnv, type TestEnv } from '../testing/env.ts';
import { createCtx, type BuiltCtx } from '../server/context.ts';

const MODELS = { user: 'users', tag: 'tags', post: 'posts', comment: 'comments', postTag: 'post_tags' } as const;
const camel = (s: string): string => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

describe('datasets/prisma/schema.prisma is in step with datasets/01-schema.sql', () => {
  let env: TestEnv;
  let built: BuiltCtx;
  before(async () => {
    env = await startTestEnv(['postgres']);
    if (env.infra.endpoints.postgres) built = await createCtx(env.infra.endpoints, { needs: ['postgres'], client: 'prisma' });
  });
  after(async () => {
    await built?.close();
    await env?.stop();
  });

  for (const [model, table] of Object.entries(MODELS)) {
    it(`the Prisma model ${model} reads every column of ${table}`, async (t) => {
      if (skipUnlessUp(t, env, ['postgres'])) return;
      const delegate = (built.ctx.prisma as unknown as Record<string, { findFirst: () => Promise<Record<string, unknown> | null> }>)[model];
      assert.ok(delegate, `prisma.${model} exists`);
      const row = await delegate.findFirst();
      assert.ok(row, `prisma.${model}.findFirst() returned a row`);
      const c = new pg.Client({ connectionString: env.infra.endpoints.postgres?.url });
      await c.connect();
      const cols = await c.query<{ column_name: string }>(
        `SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1`,
        [table],
      );
      await c.end();
      assert.deepEqual(Object.keys(row).sort(), cols.rows.map((r) => camel(r.column_name)).sort());
    });
  }
});
