// pg-cached-memcached — pg-cached-redis with Memcached as the cache: the same cache-aside (pg-join's payload, the
// run's TTL, negative caching, delete after the commit), through memjs over Memcached's binary protocol. Choose it
// when the cache is only a cache: Memcached is multi-threaded, keeps nothing on disk, has no data types, replication
// or scripting to run and secure, and a fleet already running it for sessions gets this for free. It costs what
// pg-cached-redis costs (a network round trip per request, a server to run, the same staleness window between a
// miss's read and its SET), plus Memcached's own limits: values of at most 1 MB (a post with hundreds of comments
// fits), LRU eviction under memory pressure instead of Redis's choice of policies, and no SASL in the default build
// (this server listens on loopback only). Counting as pg-cached-redis: a miss is 1 query + GET + SET, a hit 0 + GET.
import type { RawJson } from '../../../src/core/context.ts';
import { defineStrategy } from '../../../src/core/scenario.ts';
import type { NewComment, Params, PostDetail } from '../contract.ts';
import { queryPostDetail } from './pg-join.ts';
import { insertComment } from '../../shared/pg-comment-write.ts';
import { cacheAside, memcachedCache, writeThenInvalidate } from '../../shared/cache-aside.ts';
import { key } from './pg-cached-redis.ts';

export default defineStrategy<Params, NewComment, PostDetail | RawJson>({
  name: 'pg-cached-memcached',
  technique: 'cached',
  client: 'pg',
  needs: ['postgres', 'memcached'],
  expectQueries: (f) => (f.repeat ? 0 : 1),
  expectCacheRoundTrips: (f) => (f.repeat ? 1 : 2),
  // The TTL is ctx.settings.cacheTtlSeconds, as for pg-cached-redis.
  parity: { preparedStatements: true, readFrom: 'primary', cache: 'memcached', negativeCaching: true },
  read: ({ id }, ctx) => cacheAside(memcachedCache(ctx), ctx, key(id), () => queryPostDetail(ctx.pg, id), { negative: true }),
  write: ({ id }, comment, ctx) =>
    writeThenInvalidate(memcachedCache(ctx), async () => ({ result: await insertComment(ctx.pg, id, comment), keys: [key(id)] })),
});
