// pg-cached-memory — pg-cached-redis's policy (hot pages of pg-join's JSON, TTL, the commented post's page dropped on
// write; see lib/cache-policy.ts) in an in-process LRU (lru-cache) instead of Redis. A hit costs no network at all, the
// fastest read here; choose it for a single instance or data that tolerates staleness. Its cost: the cache lives in
// each process. A fleet of N instances holds N copies and misses N times per page, and a write drops the page only
// in the instance that served it — the others show the old comment count until their TTL expires. This benchmark
// runs one server process per strategy, so it measures the single-instance best case.
import { RawJson } from '../../../src/core/context.ts';
import { defineStrategy } from '../../../src/core/scenario.ts';
import { commentedPost, HOT_PAGES, type FeedPage, type NewComment, type Params } from '../contract.ts';
import { insertComment } from '../../shared/pg-comment-write.ts';
import { cachedPageOf, cacheKey, isCachedPage } from '../lib/cache-policy.ts';
import { readFeedJson } from './pg-join.ts';

export default defineStrategy<Params, NewComment, FeedPage | RawJson>({
  name: 'pg-cached-memory',
  technique: 'cached',
  client: 'pg',
  needs: ['postgres'],
  // As pg-cached-redis: a hot page misses once (1) then hits (0); pages beyond the hot head always cost 1.
  expectQueries: (f) => (f.repeat && (f.page ?? Infinity) <= HOT_PAGES ? 0 : 1),
  // ctx.memory is built with the run's settings: max = memoryCacheEntries, ttl = cacheTtlSeconds.
  parity: { preparedStatements: true, readFrom: 'primary', cache: 'in-process-lru', cachedPages: HOT_PAGES },
  read: async ({ page }, ctx) => {
    if (!isCachedPage(page)) return new RawJson(await readFeedJson(ctx.pg, page));
    const cached = ctx.memory.get(cacheKey(page));
    if (cached !== undefined) {
      ctx.cache.hit();
      return new RawJson(cached);
    }
    ctx.cache.miss();
    const payload = await readFeedJson(ctx.pg, page);
    ctx.memory.set(cacheKey(page), payload);
    return new RawJson(payload);
  },
  write: async (params, comment, ctx) => {
    const postId = commentedPost(params);
    const created = await insertComment(ctx.pg, postId, comment);
    const page = await cachedPageOf(ctx.pg, postId);
    if (page !== null) ctx.memory.delete(cacheKey(page));
    return created;
  },
});
