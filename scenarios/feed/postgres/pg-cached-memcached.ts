// pg-cached-memcached — feed's pg-cached-redis with Memcached as the cache: the same hot pages cached whole, the same
// TTL, the same one-page invalidation after a comment (lib/cache-policy.ts), through memjs over Memcached's binary
// protocol. Choose it when the cache is only a cache and a fleet already runs Memcached: multi-threaded, nothing on
// disk, no data types or replication to operate. It costs what pg-cached-redis costs (a round trip per request, an
// extra statement per write to find the post's page, the same staleness window) plus Memcached's limits: values of at
// most 1 MB (a page of 20 posts is a few kB), LRU eviction, no SASL in the default build (loopback only here).
// Counting as pg-cached-redis: a hot page's miss is 1 query + GET + SET, its hit 0 + GET; deeper pages 1 query.
import { RawJson } from '../../../src/core/context.ts';
import { defineStrategy } from '../../../src/core/scenario.ts';
import { commentedPost, HOT_PAGES, type FeedPage, type NewComment, type Params } from '../contract.ts';
import { insertComment } from '../../shared/pg-comment-write.ts';
import { cacheAside, memcachedCache, writeThenInvalidate } from '../../shared/cache-aside.ts';
import { cachedPageOf, cacheKey, isCachedPage } from '../lib/cache-policy.ts';
import { readFeedJson } from './pg-join.ts';

export default defineStrategy<Params, NewComment, FeedPage | RawJson>({
  name: 'pg-cached-memcached',
  technique: 'cached',
  client: 'pg',
  needs: ['postgres', 'memcached'],
  expectQueries: (f) => (f.repeat && (f.page ?? Infinity) <= HOT_PAGES ? 0 : 1),
  expectCacheRoundTrips: (f) => ((f.page ?? Infinity) <= HOT_PAGES ? (f.repeat ? 1 : 2) : 0),
  // The TTL is ctx.settings.cacheTtlSeconds, as for pg-cached-redis.
  parity: { preparedStatements: true, readFrom: 'primary', cache: 'memcached', cachedPages: HOT_PAGES },
  read: async ({ page }, ctx) => {
    if (!isCachedPage(page)) return new RawJson(await readFeedJson(ctx.pg, page));
    return cacheAside(memcachedCache(ctx), ctx, cacheKey(page), () => readFeedJson(ctx.pg, page), { negative: false });
  },
  write: (params, comment, ctx) =>
    writeThenInvalidate(memcachedCache(ctx), async () => {
      const postId = commentedPost(params);
      const result = await insertComment(ctx.pg, postId, comment);
      const page = await cachedPageOf(ctx.pg, postId);
      return { result, keys: page === null ? [] : [cacheKey(page)] };
    }),
});
