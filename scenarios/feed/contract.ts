// feed — GET /feed?page=N: the 20 latest posts, each with its author, its comment count and its tag names.
// The classic N+1 page: code that loads the page and then "just" each post's relations issues a query per row.
// Paging is LIMIT/OFFSET, because that is what most APIs do (?page=N maps straight onto it). Its cost is part of the
// picture: PostgreSQL walks and discards the (N-1)*20 index entries (and their heap rows) before the page, so deep
// pages get slower — on the small preset, page 300 costs ~8x page 1 in pg-join (EXPLAIN ANALYZE). Keyset paging
// (WHERE (created_at, id) < the last one seen) avoids that but cannot jump to page N, which is why it is less common.
// The strategies all page the same way, so the comparison between them stays fair.
// The contract its strategies are written against; index.ts lists the strategies.
import { BadRequest } from '../../src/core/errors.ts';
import { positiveInt } from '../../src/core/params.ts';
import { createZipf, type Rng } from '../../src/core/rng.ts';
import { defineContract } from '../../src/core/scenario.ts';
import type { DatasetInfo } from '../../src/core/dataset.ts';
import { addComment } from '../post-detail/contract.ts';
import type { CreatedComment, NewComment, UserRef } from '../shared/contract.ts';

export const PAGE_SIZE = 20;
/** Deeper pages are refused (400): OFFSET grows without bound otherwise, and no real client goes that far. */
export const MAX_PAGE = 10_000;
/** Most feed traffic reads the first pages: params draw from these with a Zipf skew, and cached strategies cache them. */
export const HOT_PAGES = 50;

export interface FeedItem {
  id: number;
  title: string;
  createdAt: string;
  author: UserRef;
  commentCount: number;
  /** Tag names in byte order (COLLATE "C" in SQL; JS's default sort agrees for the generator's ASCII names). */
  tags: string[];
}

/** The payload contract: posts ordered by (createdAt DESC, id DESC); a page past the end has no posts (still 200). */
export interface FeedPage {
  page: number;
  posts: FeedItem[];
}

/**
 * Reads carry the page. The scenario's write (POST /posts/:id/comments, shared with post-detail) is parsed by the
 * same function, so it also carries the post commented on.
 */
export interface Params {
  page: number;
  postId?: number;
}

export type { CreatedComment, NewComment };

export const offsetOf = (page: number): number => (page - 1) * PAGE_SIZE;

/** The post a write targets; only the write route sets it. */
export function commentedPost(p: Params): number {
  if (p.postId === undefined) throw new BadRequest('a comment needs a post id');
  return p.postId;
}

const pagesOf = (ds: DatasetInfo): number => Math.max(1, Math.ceil(ds.counts.posts / PAGE_SIZE));

// One Zipf table per page count, built once: params() runs for every request of the load.
const zipfs = new Map<number, (rng: Rng) => number>();
function hotPage(ds: DatasetInfo, rng: Rng): number {
  const n = Math.min(HOT_PAGES, pagesOf(ds));
  let z = zipfs.get(n);
  if (!z) zipfs.set(n, (z = createZipf(n, 1.0)));
  return z(rng);
}

export const contract = defineContract<Params, NewComment>({
  name: 'feed',
  summary: 'A page of the 20 latest posts, each with its author, comment count and tags (OFFSET paging)',
  route: { method: 'GET', path: '/feed' },
  params: (rng, ds) => ({ page: String(hotPage(ds, rng)) }),
  parse: (raw, query) =>
    raw.id !== undefined
      ? { page: 1, postId: positiveInt(raw.id, 'id') }
      : { page: query.has('page') ? positiveInt(query.get('page'), 'page', MAX_PAGE) : 1 },
  // posts: rows on the page (the N of N+1); postTags: post_tags rows of those posts (the naive tag lookups).
  facts: async ({ page }, ctx) => {
    const r = await ctx.pg.query<{ posts: number; postTags: number }>(
      `SELECT count(*)::int AS posts, coalesce(sum(t.n), 0)::int AS "postTags"
       FROM (SELECT id FROM posts ORDER BY created_at DESC, id DESC LIMIT ${PAGE_SIZE} OFFSET $1) p
       CROSS JOIN LATERAL (SELECT count(*) AS n FROM post_tags pt WHERE pt.post_id = p.id) t`,
      [offsetOf(page)],
    );
    const row = r.rows[0] ?? { posts: 0, postTags: 0 };
    return { page, posts: row.posts, postTags: row.postTags };
  },
  reference: 'pg-join',
  // The comment count shown in the feed must follow new comments: every strategy's write keeps its own form correct.
  writes: addComment,
  // Distinct pages, so that the first read of each sample is a cache miss for the cached strategies. Edge cases
  // first: page 1, page 2, the last page, one past it, the deepest page accepted; then pages drawn as traffic draws.
  sample: (ds, n, rng) => {
    const last = pagesOf(ds);
    const edges = [1, 2, last, last + 1, MAX_PAGE];
    const pages = new Set<number>(edges);
    const drawn: number[] = [];
    const add = (p: number): void => {
      if (pages.has(p)) return;
      pages.add(p);
      drawn.push(p);
    };
    for (let tries = 0; pages.size < n && tries < 20 * n; tries++) add(tries % 2 === 0 ? hotPage(ds, rng) : rng.int(1, last));
    for (let p = 1; p <= last && pages.size < n; p++) add(p);
    return [...new Set([1, 2, ...drawn, last, last + 1, MAX_PAGE])].map((p) => ({ page: String(p) }));
  },
});
