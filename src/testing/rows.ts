// The digest of every row a PostgreSQL database holds, computed exactly as datasets/hash.ts digests generated rows:
// equal to datasetHash(generateDataset(preset, seed)) when the database holds that dataset byte for byte.
import type pg from 'pg';
import { datasetHash } from '../../datasets/hash.ts';

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
