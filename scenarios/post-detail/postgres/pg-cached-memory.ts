// pg-cached-memory — the same cache-aside policy as pg-cached-redis (pg-join's payload, TTL, delete on write,
// negative caching), held in an in-process LRU (lru-cache) instead of Redis. A hit costs no network at all, which
// makes it the fastest read here; choose it for data that tolerates staleness or for a single instance. Its cost:
// the cache lives in each server process. A fleet of N instances holds N copies (N misses per key, N × the memory),
// and a write invalidates only the instance that served it — the others serve the old payload until their TTL
// expires. That is why teams move to a shared cache (Redis) once they scale out. This benchmark runs one server
// process per strategy, so it measures the single-instance best case.
import { RawJson } from '../../../src/core/context.ts';
import { defineStrategy } from '../../../src/core/scenario.ts';
import type { NewComment, Params, PostDetail } from '../contract.ts';
import { queryPostDetail } from './pg-join.ts';
import { insertComment } from '../../shared/pg-comment-write.ts';

const key = (id: number): string => `post-detail:${id}`;

// A missing post is cached too (an empty string is never a payload), as in pg-cached-redis.
const MISSING = '';

export default defineStrategy<Params, NewComment, PostDetail | RawJson>({
  name: 'pg-cached-memory',
  technique: 'cached',
  client: 'pg',
  needs: ['postgres'],
  // The first read of a key misses (1 statement, 404 included); the repeated read is a hit (0).
  expectQueries: (f) => (f.repeat ? 0 : 1),
  // ctx.memory is built with the run's settings: max = memoryCacheEntries, ttl = cacheTtlSeconds.
  parity: { preparedStatements: true, readFrom: 'primary', cache: 'in-process-lru', negativeCaching: true },
  read: async ({ id }, ctx) => {
    const cached = ctx.memory.get(key(id));
    if (cached !== undefined) {
      ctx.cache.hit();
      return cached === MISSING ? null : new RawJson(cached);
    }
    ctx.cache.miss();
    const payload = await queryPostDetail(ctx.pg, id);
    ctx.memory.set(key(id), payload ?? MISSING);
    return payload === null ? null : new RawJson(payload);
  },
  write: async ({ id }, comment, ctx) => {
    const created = await insertComment(ctx.pg, id, comment);
    ctx.memory.delete(key(id));
    return created;
  },
});
