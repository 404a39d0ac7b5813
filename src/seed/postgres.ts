// Seeds PostgreSQL: applies datasets/*.sql in order, COPYs the generated rows, moves the comment id sequence past
// the seeded ids, and ANALYZEs so the planner sees real statistics before the first timed request.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Dataset } from '../../datasets/generator.ts';

const DATASETS_DIR = fileURLToPath(new URL('../../datasets/', import.meta.url));

/** The SQL files applied, in name order: `01-schema.sql` first, then the denormalized read models. */
export function sqlFiles(): string[] {
  return readdirSync(DATASETS_DIR)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((f) => join(DATASETS_DIR, f));
}

/** COPY text format: backslash, tab, newline and carriage return must be escaped. */
function copyField(v: string | number | null): string {
  if (v === null) return '\\N';
  if (typeof v === 'number') return String(v);
  return v.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

async function copyRows<T>(
  client: pg.ClientBase,
  table: string,
  columns: string[],
  rows: T[],
  toFields: (r: T) => Array<string | number | null>,
): Promise<void> {
  const stream = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
  const BATCH = 2000;
  async function* lines(): AsyncGenerator<string> {
    for (let i = 0; i < rows.length; i += BATCH) {
      let chunk = '';
      for (const r of rows.slice(i, i + BATCH)) chunk += toFields(r).map(copyField).join('\t') + '\n';
      yield chunk;
    }
  }
  await pipeline(Readable.from(lines()), stream);
}

const iso = (ms: number): string => new Date(ms).toISOString();

export interface SeedStats {
  rows: number;
  seconds: number;
}

export async function seedPostgres(url: string, ds: Dataset): Promise<SeedStats> {
  const t0 = performance.now();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const file of sqlFiles()) await client.query(readFileSync(file, 'utf8'));
    await client.query('BEGIN');
    await copyRows(client, 'users', ['id', 'username', 'display_name', 'email', 'bio', 'created_at'], ds.users, (u) => [
      u.id,
      u.username,
      u.displayName,
      u.email,
      u.bio,
      iso(u.createdAt),
    ]);
    await copyRows(client, 'tags', ['id', 'name'], ds.tags, (t) => [t.id, t.name]);
    await copyRows(client, 'posts', ['id', 'author_id', 'title', 'body', 'created_at'], ds.posts, (p) => [
      p.id,
      p.authorId,
      p.title,
      p.body,
      iso(p.createdAt),
    ]);
    await copyRows(client, 'comments', ['id', 'post_id', 'author_id', 'body', 'created_at'], ds.comments, (c) => [
      c.id,
      c.postId,
      c.authorId,
      c.body,
      iso(c.createdAt),
    ]);
    await copyRows(client, 'post_tags', ['post_id', 'tag_id'], ds.postTags, (pt) => [pt.postId, pt.tagId]);
    await client.query(`SELECT setval(pg_get_serial_sequence('comments', 'id'), (SELECT coalesce(max(id), 0) + 1 FROM comments), false)`);
    await client.query('COMMIT');
    await buildReadModels(client);
    await client.query('ANALYZE');
  } catch (e) {
    await client.query('ROLLBACK').catch(() => {});
    throw e;
  } finally {
    await client.end();
  }
  const rows = ds.users.length + ds.tags.length + ds.posts.length + ds.comments.length + ds.postTags.length;
  return { rows, seconds: (performance.now() - t0) / 1000 };
}

/**
 * Fills the denormalized forms from the normalized tables. Convention: each read-model SQL file defines a function
 * named `accessbench_refresh_<model>()` that rebuilds its model from scratch; they run in name order after the COPY.
 */
async function buildReadModels(client: pg.ClientBase): Promise<void> {
  const r = await client.query<{ proname: string }>(
    `SELECT proname FROM pg_proc WHERE proname LIKE 'accessbench\\_refresh\\_%' ORDER BY proname`,
  );
  for (const { proname } of r.rows) await client.query(`SELECT ${proname}()`);
}
