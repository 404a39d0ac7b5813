// pg-cached-redis — cache-aside in Redis in front of pg-join, per page: GET feed:page:N; on a miss run pg-join's
// statement and SET the JSON with a TTL. A new comment is inserted on the primary, then the one cached page that shows
// its post's count is DELeted (the policy, and why not "drop every page", is in lib/cache-policy.ts). Choose it for a
// hot, read-mostly feed served by a fleet (one cache, one invalidation for all). It costs a Redis round trip per
// request, an extra statement per write (finding the post's page), a service to run, and a staleness window: a read
// that misses, loses the race to a write and SETs the old page after the DEL keeps it until the TTL bounds it.
// Counting: queries per request count PostgreSQL statements only (a miss is 1 + GET + SET, a hit is 0 + GET); the
// cache-aside logic is scenarios/shared/cache-aside.ts, shared with pg-cached-memcached (they differ in the client).
import { RawJson } from '../../../src/core/context.ts';
import { defineStrategy } from '../../../src/core/scenario.ts';
import { commentedPost, HOT_PAGES, type FeedPage, type NewComment, type Params } from '../contract.ts';
import { insertComment } from '../../shared/pg-comment-write.ts';
import { cacheAside, redisCache, writeThenInvalidate } from '../../shared/cache-aside.ts';
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
  // A hot page: GET + SET on a miss, one GET on a hit; a deeper page never reaches the cache.
  expectCacheRoundTrips: (f) => ((f.page ?? Infinity) <= HOT_PAGES ? (f.repeat ? 1 : 2) : 0),
  // The TTL is ctx.settings.cacheTtlSeconds, recorded with the run's settings.
  parity: { preparedStatements: true, readFrom: 'primary', cache: 'redis', cachedPages: HOT_PAGES },
  read: async ({ page }, ctx) => {
    if (!isCachedPage(page)) return new RawJson(await readFeedJson(ctx.pg, page));
    return cacheAside(redisCache(ctx), ctx, cacheKey(page), () => readFeedJson(ctx.pg, page), { negative: false });
  },
  write: (params, comment, ctx) =>
    writeThenInvalidate(redisCache(ctx), async () => {
      const postId = commentedPost(params);
      const result = await insertComment(ctx.pg, postId, comment);
      const page = await cachedPageOf(ctx.pg, postId);
      return { result, keys: page === null ? [] : [cacheKey(page)] };
    }),
});
