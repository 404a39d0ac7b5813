// The add-comment write of the pg strategies of post-detail and feed. For those that read the normalized tables
// directly it is the whole write (no cache or read model to keep in step: the plain INSERT); the cached and
// denormalized ones run it and then keep their own form in step. The comment's time comes from the application
// (millisecond precision, as every payload reports it). An unknown post or author is a 404, not a 500.
import type pg from 'pg';
import { NotFound } from '../../src/core/errors.ts';
import type { CreatedComment, NewComment } from './contract.ts';

const INSERT = `INSERT INTO comments (post_id, author_id, body, created_at) VALUES ($1, $2, $3, $4) RETURNING id`;

export async function insertComment(db: pg.Pool | pg.PoolClient, postId: number, c: NewComment): Promise<CreatedComment> {
  const createdAt = new Date();
  try {
    const r = await db.query<{ id: number }>({ name: 'add-comment', text: INSERT, values: [postId, c.authorId, c.body, createdAt] });
    return { id: (r.rows[0] as { id: number }).id, postId, authorId: c.authorId, body: c.body, createdAt: createdAt.toISOString() };
  } catch (e) {
    // 23503: foreign_key_violation — the post or the author does not exist.
    if ((e as { code?: string }).code === '23503') throw new NotFound('no such post or author');
    throw e;
  }
}
