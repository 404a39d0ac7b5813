// pg-cached-redis — cache-aside in Redis in front of pg-join, per page: GET feed:page:N; on a miss run pg-join's
// statement and SET the JSON with a TTL. A new comment is inserted on the primary, then the one cached page that shows
// its post's count is DELeted (the policy, and why not "drop every page", is in lib/cache-policy.ts). Choose it for a
// hot, read-mostly feed served by a fleet (one cache, one invalidation for all). It costs a Redis round trip per
// request, an extra statement per write (finding the post's page), a service to run, and a staleness window: a read
// that misses, loses the race to a write and SETs the old page after the DEL keeps it until the TTL bounds it.
// Counting: queries per request count PostgreSQL statements only (a miss is 1 + GET + SET, a hit is 0 + GET).
import { RawJson } from '../../../src/core/context.ts';
import { defineStrategy } from '../../../src/core/scenario.ts';
import { commentedPost, HOT_PAGES, type FeedPage, type NewComment, type Params } from '../contract.ts';
import { insertComment } from '../../shared/pg-comment-write.ts';
import { cachedPageOf, cacheKey, isCachedPage } from '../lib/cache-policy.ts';
import { readFeedJson } from './pg-join.ts';

export default defineStrategy<Params, NewComment, FeedPage | RawJson>({
  name: 'pg-cached-redis',
  technique: 'cached',
  client: 'pg',
  needs: ['postgres', 'redis'],
  // A hot page misses once (1 statement, an empty page past the end included) and then hits (0); pages beyond the
  // hot head are never cached (1 every time).
  expectQueries: (f) => (f.repeat && (f.page ?? Infinity) <= HOT_PAGES ? 0 : 1),
  // The TTL is ctx.settings.cacheTtlSeconds, recorded with the run's settings.
  parity: { preparedStatements: true, readFrom: 'primary', cache: 'redis', cachedPages: HOT_PAGES },
  read: async ({ page }, ctx) => {
    if (!isCachedPage(page)) return new RawJson(await readFeedJson(ctx.pg, page));
    // Redis errors fail the request: a cache outage must show, not quietly turn this strategy into pg-join.
    const cached = await ctx.redis.get(cacheKey(page));
    if (cached !== null) {
      ctx.cache.hit();
      return new RawJson(cached);
    }
    ctx.cache.miss();
    const payload = await readFeedJson(ctx.pg, page);
    await ctx.redis.set(cacheKey(page), payload, 'EX', ctx.settings.cacheTtlSeconds);
    return new RawJson(payload);
  },
  write: async (params, comment, ctx) => {
    const postId = commentedPost(params);
    const created = await insertComment(ctx.pg, postId, comment);
    // After the commit, never before: deleting first lets a concurrent read re-cache the pre-write page.
    const page = await cachedPageOf(ctx.pg, postId);
    if (page !== null) await ctx.redis.del(cacheKey(page));
    return created;
  },
});
