// Digests of a dataset's rows, for tests that prove data byte-identical: the generator's rows (same seed → same digest)
// and the rows a seeded PostgreSQL database holds, read back in the generator's shape so the two digests are equal
// exactly when the database holds that dataset.
import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { Dataset } from '../../datasets/generator.ts';

/** Every row of a dataset, in table order: equal digests mean byte-identical data. */
export function datasetHash(ds: Pick<Dataset, 'users' | 'tags' | 'posts' | 'comments' | 'postTags'>): string {
  const h = createHash('sha256');
  for (const table of [ds.users, ds.tags, ds.posts, ds.comments, ds.postTags] as unknown[][]) {
    for (const row of table) h.update(JSON.stringify(row)).update('\n');
  }
  return h.digest('hex');
}

/** datasetHash of the rows the database holds: equal to datasetHash(generateDataset(preset, seed)) when it holds them. */
export async function databaseRowsHash(db: pg.ClientBase): Promise<string> {
  const ms = (col: string) => `(extract(epoch from ${col}) * 1000)::bigint::float8 AS "createdAt"`;
  const q = async (sql: string) => (await db.query(sql)).rows;
  return datasetHash({
    users: await q(`SELECT id, username, display_name AS "displayName", email, bio, ${ms('created_at')} FROM users ORDER BY id`),
    tags: await q(`SELECT id, name FROM tags ORDER BY id`),
    posts: await q(`SELECT id, author_id AS "authorId", title, body, ${ms('created_at')} FROM posts ORDER BY id`),
    comments: await q(`SELECT id, post_id AS "postId", author_id AS "authorId", body, ${ms('created_at')} FROM comments ORDER BY id`),
    postTags: await q(`SELECT post_id AS "postId", tag_id AS "tagId" FROM post_tags ORDER BY post_id, tag_id`),
  });
}
