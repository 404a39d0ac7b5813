// pg-join — one SQL statement over the raw driver: PostgreSQL joins, aggregates with json_agg and serializes the
// whole payload itself; Node passes the JSON text through untouched. One round trip whatever the fan-out.
// Choose it when an endpoint is hot and its shape is stable; it costs hand-written SQL that the team must own.
import type pg from 'pg';
import { RawJson } from '../../../src/core/context.ts';
import { sqlIsoMs } from '../../../src/core/params.ts';
import { defineStrategy, type DbReference } from '../../../src/core/scenario.ts';
import type { NewComment, Params, PostDetail } from '../contract.ts';
import { insertComment } from '../../shared/pg-comment-write.ts';

const userRef = (a: string): string => `json_build_object('id', ${a}.id, 'username', ${a}.username, 'displayName', ${a}.display_name)`;

// Tags in byte order (COLLATE "C"), the contract's order whatever the database's default collation (the docker
// image's is en_US, which puts 'alpha' before 'Zeta'). A named statement: pg prepares it once per pooled connection. Shared with pg-replica and the cached strategies
// (their payload source), so they all serve exactly the bytes this reference produces.
export const POST_DETAIL_SQL = `
SELECT json_build_object(
  'id', p.id, 'title', p.title, 'body', p.body, 'createdAt', ${sqlIsoMs('p.created_at')},
  'author', ${userRef('u')},
  'tags', coalesce((SELECT json_agg(t.name ORDER BY t.name COLLATE "C")
                    FROM post_tags pt JOIN tags t ON t.id = pt.tag_id WHERE pt.post_id = p.id), '[]'),
  'comments', coalesce((SELECT json_agg(json_build_object('id', c.id, 'body', c.body,
                                 'createdAt', ${sqlIsoMs('c.created_at')}, 'author', ${userRef('cu')})
                               ORDER BY c.created_at, c.id)
                        FROM comments c JOIN users cu ON cu.id = c.author_id WHERE c.post_id = p.id), '[]')
)::text AS payload
FROM posts p JOIN users u ON u.id = p.author_id
WHERE p.id = $1`;

/** The database ceiling: this statement driven directly, with the post id the HTTP load requests. */
export const DB_REFERENCE: DbReference = { label: "pg-join's statement", sql: POST_DETAIL_SQL, args: (p) => [Number(p.id)] };

/** The payload JSON text as PostgreSQL serialized it, or null when the post does not exist. */
export async function queryPostDetail(db: pg.Pool, id: number): Promise<string | null> {
  const r = await db.query<{ payload: string }>({ name: 'post-detail-join', text: POST_DETAIL_SQL, values: [id] });
  return r.rows[0]?.payload ?? null;
}

export default defineStrategy<Params, NewComment, PostDetail | RawJson>({
  name: 'pg-join',
  technique: 'raw',
  client: 'pg',
  needs: ['postgres'],
  expectQueries: () => 1,
  parity: { preparedStatements: true },
  read: async ({ id }, ctx) => {
    const payload = await queryPostDetail(ctx.pg, id);
    return payload === null ? null : new RawJson(payload);
  },
  write: ({ id }, comment, ctx) => insertComment(ctx.pg, id, comment),
});
