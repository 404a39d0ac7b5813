// Cache-aside over a shared cache server, written once for every scenario so that pg-cached-redis and
// pg-cached-memcached differ only in the client: the same keys, TTL (ctx.settings.cacheTtlSeconds), negative caching
// and delete-after-commit invalidation, and the same round trips (a hit is one GET; a miss is a GET, the statement and
// a SET; an invalidation is one DELETE).
// Cache errors propagate as failed requests: in a benchmark a cache outage must show, not quietly turn a cached
// strategy into the uncached one. The clients differ underneath: ioredis speaks RESP to Redis and gets strings back;
// memjs speaks Memcached's binary protocol and gets Buffers, decoded here as UTF-8 (the payload JSON).
import { RawJson, type Ctx } from '../../src/core/context.ts';

/** The three operations cache-aside needs, whatever the server. */
export interface RemoteCache {
  readonly server: 'redis' | 'memcached';
  get: (key: string) => Promise<string | null>;
  set: (key: string, value: string, ttlSeconds: number) => Promise<void>;
  del: (key: string) => Promise<void>;
}

export function redisCache(ctx: Ctx): RemoteCache {
  const r = ctx.redis;
  return {
    server: 'redis',
    get: (key) => r.get(key),
    set: async (key, value, ttl) => void (await r.set(key, value, 'EX', ttl)),
    del: async (key) => void (await r.del(key)),
  };
}

export function memcachedCache(ctx: Ctx): RemoteCache {
  const m = ctx.memcached;
  return {
    server: 'memcached',
    get: async (key) => {
      const { value } = await m.get(key);
      return value === null ? null : value.toString('utf8');
    },
    set: async (key, value, ttl) => {
      // memjs reports a refused store (e.g. an item over the size limit) as false, not as an error.
      if (!(await m.set(key, value, { expires: ttl }))) throw new Error(`memcached refused to store ${key}`);
    },
    del: async (key) => void (await m.delete(key)),
  };
}

/**
 * Never a payload, so it can stand for "no such item" in the cache: with `negative`, a 404 is cached like a payload,
 * and a stream of requests for ids that do not exist (scrapers, deleted links) cannot bypass the cache.
 */
const MISSING = '';

/**
 * The read: GET the key; on a hit answer it; on a miss run `load` (the payload's JSON text, or null for 404) and SET
 * it with the run's TTL. Hits and misses are reported to ctx.cache for the hit ratio.
 */
export async function cacheAside(
  cache: RemoteCache,
  ctx: Ctx,
  key: string,
  load: () => Promise<string | null>,
  opts: { negative: boolean },
): Promise<RawJson | null> {
  const cached = await cache.get(key);
  if (cached !== null) {
    ctx.cache.hit();
    return cached === MISSING ? null : new RawJson(cached);
  }
  ctx.cache.miss();
  const payload = await load();
  if (payload !== null) await cache.set(key, payload, ctx.settings.cacheTtlSeconds);
  else if (opts.negative) await cache.set(key, MISSING, ctx.settings.cacheTtlSeconds);
  return payload === null ? null : new RawJson(payload);
}

/**
 * The write: `commit` writes to the primary, then the keys it names are deleted. After the commit, never before:
 * deleting first lets a concurrent read re-cache the pre-write payload. A read that missed before the write and sets
 * its older payload after the delete still leaves a stale entry until the TTL (keyed versions or leases close that
 * window; the mixed load's stale-read probe measures it).
 */
export async function writeThenInvalidate<T>(cache: RemoteCache, commit: () => Promise<{ result: T; keys: string[] }>): Promise<T> {
  const { result, keys } = await commit();
  for (const key of keys) await cache.del(key);
  return result;
}
