// The add-post write of user-summary's pg strategies (user-summary-mixed). For those that read the normalized tables
// it is the whole write; the cached and denormalized ones run it and then keep their own form in step, and pg-matview
// leaves it to the next refresh. The post's time comes from the application (millisecond precision, as payloads
// report it); its id from the post_ids sequence (datasets/12-read-model-user-summary.sql). An unknown user is a 404.
import type pg from 'pg';
import { NotFound } from '../../../src/core/errors.ts';
import type { CreatedPost, NewPost } from '../contract.ts';

const INSERT = `INSERT INTO posts (id, author_id, title, body, created_at) VALUES (nextval('post_ids'), $1, $2, $3, $4) RETURNING id`;

export async function insertPost(db: pg.Pool | pg.PoolClient, authorId: number, p: NewPost): Promise<CreatedPost> {
  const createdAt = new Date();
  try {
    const r = await db.query<{ id: number }>({ name: 'add-post', text: INSERT, values: [authorId, p.title, p.body, createdAt] });
    return { id: (r.rows[0] as { id: number }).id, authorId, title: p.title, createdAt: createdAt.toISOString() };
  } catch (e) {
    // 23503: foreign_key_violation — the author does not exist.
    if ((e as { code?: string }).code === '23503') throw new NotFound('no such user');
    throw e;
  }
}
