// The statement pg-offset and pg-keyset share, apart from how it finds the page: the page's posts are cut from
// posts_created_at_id_idx first (LIMIT on posts alone), then joined to their authors, with the comment count and the
// tag names as correlated subqueries that touch only the page's rows. One round trip, a named (prepared) statement
// per paging form; Node maps the 21 rows. Only the inner WHERE/OFFSET differs between the two strategies.
import type pg from 'pg';
import { isoMs } from '../../../src/core/params.ts';
import { FETCH, type FeedItem } from '../contract.ts';

/** The inner page: `where` filters posts (or is empty), `offset` skips rows (or is empty). */
export function pageSql(where: string, offset: string): string {
  return `
SELECT p.id, p.title, p.created_at, u.id AS author_id, u.username, u.display_name,
       (SELECT count(*) FROM comments c WHERE c.post_id = p.id)::int AS comment_count,
       coalesce((SELECT array_agg(t.name ORDER BY t.name COLLATE "C")
                 FROM post_tags pt JOIN tags t ON t.id = pt.tag_id WHERE pt.post_id = p.id), '{}') AS tags
FROM (SELECT id, author_id, title, created_at FROM posts ${where}
      ORDER BY created_at DESC, id DESC LIMIT ${FETCH} ${offset}) p
JOIN users u ON u.id = p.author_id
ORDER BY p.created_at DESC, p.id DESC`;
}

interface Row {
  id: number;
  title: string;
  created_at: Date;
  author_id: number;
  username: string;
  display_name: string;
  comment_count: number;
  tags: string[];
}

/** Runs one of the named statements and maps its rows to feed items, in feed order. */
export async function pageRows(db: pg.Pool, name: string, text: string, values: unknown[]): Promise<FeedItem[]> {
  const r = await db.query<Row>({ name, text, values });
  return r.rows.map((row) => ({
    id: row.id,
    title: row.title,
    createdAt: isoMs(row.created_at),
    author: { id: row.author_id, username: row.username, displayName: row.display_name },
    commentCount: row.comment_count,
    tags: row.tags,
  }));
}
