// Seeds PostgreSQL. The schema comes from datasets/*.sql; its indexes and constraints are set aside (deferred-ddl.ts)
// while each table is COPYed on its own connection straight from the generator (copy.ts), then rebuilt; the read
// models are filled from the loaded tables; the comment id sequence moves past the seeded ids. It ends with
// VACUUM (FREEZE, ANALYZE) and a CHECKPOINT, so that freezing, hint-bit writes, autovacuum's first visit and the
// checkpoint that would flush the load all happen here, not during the timed trials.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { generateComments, generatePosts, generateTags, generateUsers } from '../../datasets/generator.ts';
import { PRESETS, type PresetName } from '../../datasets/presets.ts';
import { CopySink } from './copy.ts';
import { dropDeferred, readDeferrable, restoreDeferred, type Deferred } from './deferred-ddl.ts';

const DATASETS_DIR = fileURLToPath(new URL('../../datasets/', import.meta.url));

/** The SQL files applied, in name order: `01-schema.sql` first, then the denormalized read models. */
export function sqlFiles(): string[] {
  return readdirSync(DATASETS_DIR)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((f) => join(DATASETS_DIR, f));
}

const iso = (ms: number): string => new Date(ms).toISOString();

/** The tables the generator fills; every other table is a read model built from them. */
const LOADED = ['users', 'tags', 'posts', 'comments', 'post_tags'];

export interface SeedStats {
  rows: number;
  seconds: number;
  /** Seconds per phase, for the log and for docs/measurement.md. */
  phases: Record<string, number>;
  /** False when the role may not run CHECKPOINT (an external server); the rest of the seed is unaffected. */
  checkpointed: boolean;
}

export async function seedPostgres(url: string, source: { preset: PresetName; seed: number }): Promise<SeedStats> {
  const t0 = performance.now();
  const phases: Record<string, number> = {};
  let mark = t0;
  const phase = (name: string): void => {
    const now = performance.now();
    phases[name] = (now - mark) / 1000;
    mark = now;
  };
  const clients = [new pg.Client({ connectionString: url }), new pg.Client({ connectionString: url })];
  // A server stopped under the seed (Ctrl-C, a crash) fails the pending query; see CopySink.open.
  for (const c of clients) c.on('error', () => {});
  const [main] = clients as [pg.Client, pg.Client];
  let checkpointed = false;
  let rows = 0;
  try {
    await Promise.all(clients.map((c) => c.connect()));
    // Session settings only: index builds sort in memory instead of spilling to disk.
    for (const c of clients) await c.query(`SET maintenance_work_mem = '256MB'`);
    for (const file of sqlFiles()) await main.query(readFileSync(file, 'utf8'));
    const deferred = await readDeferrable(main);
    await dropDeferred(main, deferred);
    phase('schema');
    rows = await copyAll(url, source);
    await main.query(`SELECT setval(pg_get_serial_sequence('comments', 'id'), (SELECT coalesce(max(id), 0) + 1 FROM comments), false)`);
    phase('copy');
    const isLoaded = (d: Deferred): boolean => LOADED.includes(d.table);
    await restoreDeferred(clients, deferred.filter(isLoaded));
    phase('indexes');
    // The read models are built by joins over the loaded tables: without statistics the planner guesses their sizes.
    await main.query(`ANALYZE ${LOADED.join(', ')}`);
    phase('analyze');
    await buildReadModels(clients);
    await restoreDeferred(
      clients,
      deferred.filter((d) => !isLoaded(d)),
    );
    phase('read models');
    // Both sessions' row counts must reach the statistics before VACUUM resets them: a backend reports them lazily
    // (up to a second later), and counts arriving after the VACUUM would send autovacuum in during the trials.
    // pg_stat_force_next_flush() exists from PostgreSQL 15 on (older servers may still report late).
    for (const c of clients) await c.query('SELECT pg_stat_force_next_flush()').catch(() => {});
    await main.query('VACUUM (FREEZE, ANALYZE)');
    phase('vacuum');
    checkpointed = await main.query('CHECKPOINT').then(
      () => true,
      (e: Error) => {
        if (/permission denied|must be superuser/i.test(e.message)) return false;
        throw e;
      },
    );
    phase('checkpoint');
  } finally {
    await Promise.all(clients.map((c) => c.end().catch(() => {})));
  }
  return { rows, seconds: (performance.now() - t0) / 1000, phases, checkpointed };
}

/** Streams every generated row into its table; returns the number of rows. */
async function copyAll(url: string, source: { preset: PresetName; seed: number }): Promise<number> {
  const { preset, seed } = source;
  const sinks = await Promise.all([
    CopySink.open(url, 'users', ['id', 'username', 'display_name', 'email', 'bio', 'created_at']),
    CopySink.open(url, 'tags', ['id', 'name']),
    CopySink.open(url, 'posts', ['id', 'author_id', 'title', 'body', 'created_at']),
    CopySink.open(url, 'post_tags', ['post_id', 'tag_id']),
    CopySink.open(url, 'comments', ['id', 'post_id', 'author_id', 'body', 'created_at']),
  ]);
  const [users, tags, posts, postTags, comments] = sinks;
  // Each table's COPY is ended (and committed) as soon as its last row is written, while the next table is generated.
  const ends: Array<Promise<void>> = [];
  try {
    for (const u of generateUsers(preset, seed)) await users.row([u.id, u.username, u.displayName, u.email, u.bio, iso(u.createdAt)]);
    ends.push(users.end());
    for (const t of generateTags(preset)) await tags.row([t.id, t.name]);
    ends.push(tags.end());
    const createdAt = new Float64Array(PRESETS[preset].posts);
    for (const { post: p, tags: pts } of generatePosts(preset, seed)) {
      createdAt[p.id - 1] = p.createdAt;
      await posts.row([p.id, p.authorId, p.title, p.body, iso(p.createdAt)]);
      for (const pt of pts) await postTags.row([pt.postId, pt.tagId]);
    }
    ends.push(posts.end(), postTags.end());
    for (const c of generateComments(preset, seed, createdAt)) await comments.row([c.id, c.postId, c.authorId, c.body, iso(c.createdAt)]);
    ends.push(comments.end());
    await Promise.all(ends);
  } catch (e) {
    await Promise.allSettled(ends);
    await Promise.all(sinks.map((s) => s.abort()));
    throw e;
  }
  return sinks.reduce((n, s) => n + s.rows, 0);
}

/**
 * Fills the denormalized forms from the normalized tables. Convention: each read-model SQL file defines a function
 * named `accessbench_refresh_<model>()` that rebuilds its model from scratch. They write different tables, so they
 * run side by side on the given connections.
 */
async function buildReadModels(clients: pg.ClientBase[]): Promise<void> {
  const first = clients[0] as pg.ClientBase;
  const r = await first.query<{ proname: string }>(
    `SELECT proname FROM pg_proc WHERE proname LIKE 'accessbench\\_refresh\\_%' ORDER BY proname`,
  );
  const queue = r.rows.map((x) => x.proname);
  await Promise.all(
    clients.map(async (c) => {
      for (let f = queue.shift(); f; f = queue.shift()) await c.query(`SELECT ${f}()`);
    }),
  );
}
