// feed-pages — GET /feed/pages?page=N&cursor=C: feed's page of 20 posts (author, comment count, tag names), served
// at deep pages, OFFSET/LIMIT against keyset ("seek") paging. A request names the page and carries the cursor that
// starts it (page N-1's last post, handed out as the previous response's nextCursor), as a client paging through
// the feed holds it: OFFSET strategies read the page number, keyset strategies the cursor, and verification proves
// both kinds return the same rows for the same page. OFFSET makes the database walk and discard (N-1)*20 index
// entries before the page; a keyset seeks straight to the cursor in the same (created_at, id) index, so its cost does
// not grow with depth. Both use posts_created_at_id_idx (datasets/01-schema.sql; in Mongo the { createdAt: -1,
// _id: -1 } index): the keyset needs no index the feed did not already have.
// The contract its strategies are written against; index.ts lists the strategies.
import { BadRequest } from '../../src/core/errors.ts';
import { positiveInt } from '../../src/core/params.ts';
import { defineContract, type RawParams } from '../../src/core/scenario.ts';
import type { DatasetInfo } from '../../src/core/dataset.ts';
import { MAX_PAGE, offsetOf, PAGE_SIZE, type FeedItem } from '../feed/contract.ts';
import { cursorOf, decodeCursor, encodeCursor, type Cursor } from './lib/cursors.ts';

export { MAX_PAGE, offsetOf, PAGE_SIZE, decodeCursor, encodeCursor, type Cursor, type FeedItem };

/** Rows each strategy fetches: the page and one more, which says whether a next page exists. */
export const FETCH = PAGE_SIZE + 1;

/** The depths the latency curve measures, where the data has that many pages (else the deepest page it has). */
export const DEPTHS = [1, 10, 100, 1000] as const;

/** The payload contract: feed's page, plus the cursor of the next one (null on the last page). */
export interface FeedPagesPage {
  page: number;
  posts: FeedItem[];
  nextCursor: string | null;
}

/**
 * A read: the page number and, from page 2 on, the cursor that starts it. That the two agree is the client's promise,
 * not checked (it would cost the keyset strategies the very walk they avoid): given a cursor from elsewhere, a keyset
 * strategy serves the rows after that cursor under the page number it was given, an OFFSET strategy page N.
 */
export interface Params {
  page: number;
  cursor: Cursor | null;
}

export const pagesOf = (ds: DatasetInfo): number => Math.max(1, Math.ceil(ds.counts.posts / PAGE_SIZE));

/** The depth points on this data: 1, 10, 100, 1000 where they exist, and the deepest page when 1000 does not. */
export function depthsOf(ds: DatasetInfo): number[] {
  const last = pagesOf(ds);
  return [...new Set([...DEPTHS.filter((d) => d <= last), Math.min(last, Math.max(...DEPTHS))])].sort((a, b) => a - b);
}

/** The URL params of a request for `page`, with the cursor a client paging from page 1 would hold. */
export function requestFor(ds: DatasetInfo, page: number): RawParams {
  const cursor = cursorOf(ds, page, PAGE_SIZE);
  return cursor === undefined ? { page: String(page) } : { page: String(page), cursor };
}

/** A page past the data: the same 404 (and message) from every strategy. */
export const beyondTheData = (page: number): string => `page ${page} is beyond the last page of the feed`;

/**
 * The reply for rows fetched in feed order (at most FETCH): the page, and the next cursor when a row follows it.
 * Null (404) when the page has no rows.
 */
export function pageOf(page: number, rows: FeedItem[]): FeedPagesPage | null {
  if (rows.length === 0) return null;
  const posts = rows.slice(0, PAGE_SIZE);
  const lastPost = posts[posts.length - 1] as FeedItem;
  const nextCursor = rows.length > PAGE_SIZE ? encodeCursor({ createdAt: Date.parse(lastPost.createdAt), id: lastPost.id }) : null;
  return { page, posts, nextCursor };
}

export const contract = defineContract<Params>({
  name: 'feed-pages',
  summary:
    "feed's page of 20 posts at deep pages: OFFSET/LIMIT against a keyset cursor on (created_at, id); the load draws pages " +
    'uniformly from 1 to the deepest depth point (1 000, or the last page the data has)',
  route: { method: 'GET', path: '/feed/pages' },
  // Uniform over the pages the depth curve spans: a client walking the feed (a sync job, an export, a crawler), where
  // the depth, not the hot first page, decides the cost.
  params: (rng, ds) => requestFor(ds, rng.int(1, Math.max(...depthsOf(ds)))),
  parse: (_raw, query) => {
    const page = query.has('page') ? positiveInt(query.get('page'), 'page', MAX_PAGE) : 1;
    const raw = query.get('cursor');
    if (page === 1 && raw !== null) throw new BadRequest('page 1 takes no cursor');
    if (page > 1 && raw === null) throw new BadRequest(`page ${page} needs the cursor of page ${page - 1} (its nextCursor)`);
    return { page, cursor: raw === null ? null : decodeCursor(raw) };
  },
  // posts/postTags: rows on the page and their post_tags rows; fetched/fetchedTags: the same for the FETCH rows read
  // (the page and the one after it), which populate-style strategies load relations for.
  facts: async ({ page }, ctx) => {
    const r = await ctx.pg.query<{ posts: number; postTags: number; fetched: number; fetchedTags: number }>(
      `SELECT count(*) FILTER (WHERE p.rn <= ${PAGE_SIZE})::int AS posts,
              coalesce(sum(t.n) FILTER (WHERE p.rn <= ${PAGE_SIZE}), 0)::int AS "postTags",
              count(*)::int AS fetched, coalesce(sum(t.n), 0)::int AS "fetchedTags"
       FROM (SELECT id, row_number() OVER (ORDER BY created_at DESC, id DESC) AS rn FROM
               (SELECT id, created_at FROM posts ORDER BY created_at DESC, id DESC LIMIT ${FETCH} OFFSET $1) x) p
       CROSS JOIN LATERAL (SELECT count(*) AS n FROM post_tags pt WHERE pt.post_id = p.id) t`,
      [offsetOf(page)],
    );
    const row = r.rows[0] ?? { posts: 0, postTags: 0, fetched: 0, fetchedTags: 0 };
    return { page, ...row };
  },
  reference: 'pg-offset',
  // Every depth point, the pages around them, the last page and one past it (404); then pages drawn as the load draws.
  sample: (ds, n, rng) => {
    const last = pagesOf(ds);
    const pages = new Set<number>();
    for (const d of depthsOf(ds)) for (const p of [d, d + 1]) if (p <= last) pages.add(p);
    pages
      .add(2)
      .add(last)
      .add(last + 1);
    for (let tries = 0; pages.size < n && tries < 20 * n; tries++) pages.add(rng.int(1, last));
    return [...pages].map((p) => requestFor(ds, p));
  },
  // The depth curve: one fixed page per point, each with its cursor.
  fanout: (ds) => depthsOf(ds).map((n) => ({ n, params: requestFor(ds, n) })),
  fanoutAxis: 'page',
  // The curve is what this scenario is about: measured even where the profile draws no fan-out curve (quick).
  fanoutMain: true,
});
