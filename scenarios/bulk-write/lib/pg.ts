// What the pg strategies of bulk-write share: the read verification uses (one statement building the JSON, as
// pg-join does for post-detail), and how a foreign-key violation becomes a 404.
import type pg from 'pg';
import { RawJson } from '../../../src/core/context.ts';
import { NotFound } from '../../../src/core/errors.ts';
import { sqlIsoMs } from '../../../src/core/params.ts';

const READ = {
  name: 'bulk-read-comments',
  text: `
SELECT json_build_object(
  'postId', p.id,
  'comments', coalesce((SELECT json_agg(json_build_object('authorId', c.author_id, 'body', c.body,
                                                          'createdAt', ${sqlIsoMs('c.created_at')})
                                        ORDER BY c.created_at, c.id)
                        FROM comments c WHERE c.post_id = p.id), '[]')
)::text AS payload
FROM posts p WHERE p.id = $1`,
};

/** The post's comments as PostgreSQL serialized them, or null when the post does not exist. 1 statement. */
export async function readComments(db: pg.Pool, id: number): Promise<RawJson | null> {
  const r = await db.query<{ payload: string }>({ ...READ, values: [id] });
  const payload = r.rows[0]?.payload;
  return payload === undefined ? null : new RawJson(payload);
}

/** 23503 (foreign_key_violation): the post or an author does not exist — the client's mistake, a 404. */
export function notFoundOnForeignKey(e: unknown): never {
  if ((e as { code?: string }).code === '23503') throw new NotFound('no such post or author');
  throw e;
}

/** The single-row INSERT the row-at-a-time strategies send, once per comment. */
export const INSERT_ONE = {
  name: 'bulk-insert-one',
  text: 'INSERT INTO comments (post_id, author_id, body, created_at) VALUES ($1, $2, $3, $4)',
};
