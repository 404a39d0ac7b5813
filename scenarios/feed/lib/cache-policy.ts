// The cache policy shared by pg-cached-redis, pg-cached-memcached and pg-cached-memory, so they differ only by where
// entries live.
// What is cached: whole pages (pg-join's JSON text) of the hot head of the feed, pages 1..HOT_PAGES, where nearly all
// traffic goes; deeper pages are rare, would mostly be evicted unread, and go straight to PostgreSQL.
// What a write invalidates: a new comment changes one number, the commentCount of its post, which appears on exactly
// one page. The write finds that page by counting the posts ahead of the commented one in feed order, with the count
// capped at the hot head (an index-only scan of at most HOT_PAGES × 20 entries of posts_created_at_id_idx, one extra
// statement per write), and drops that page alone. Dropping every cached page would be simpler and need no query,
// but under a mixed load every comment would then empty the whole cache and the hot pages would rarely be warm.
// The page of a post is stable here because this benchmark never inserts posts; an API that did would have to drop
// every cached page on a new post (everything shifts by one), e.g. by bumping a version in the cache key.
import type pg from 'pg';
import { HOT_PAGES, PAGE_SIZE } from '../contract.ts';

export const cacheKey = (page: number): string => `feed:page:${page}`;

export const isCachedPage = (page: number): boolean => page <= HOT_PAGES;

// Posts ahead of $1 are those before it in feed order, i.e. with a greater (created_at, id); LIMIT stops the count at
// the hot head. The ORDER BY is the index's own order, not needed for the count: it is what makes the planner take an
// index-only scan of posts_created_at_id_idx with the row comparison as index condition (checked with EXPLAIN on the
// small preset; without it the planner seq-scans posts, up to the whole table for an old post).
const POSTS_AHEAD = {
  name: 'feed-posts-ahead',
  text: `
SELECT count(*)::int AS ahead
FROM posts x
CROSS JOIN LATERAL (SELECT 1 FROM posts p WHERE (p.created_at, p.id) > (x.created_at, x.id)
                    ORDER BY p.created_at DESC, p.id DESC LIMIT $2) head
WHERE x.id = $1`,
};

/** The cached page holding a post, or null when the post lies beyond the hot head (no cached page shows it). */
export async function cachedPageOf(db: pg.Pool, postId: number): Promise<number | null> {
  const limit = HOT_PAGES * PAGE_SIZE;
  const r = await db.query<{ ahead: number }>({ ...POSTS_AHEAD, values: [postId, limit] });
  const ahead = r.rows[0]?.ahead ?? 0;
  return ahead >= limit ? null : Math.floor(ahead / PAGE_SIZE) + 1;
}
