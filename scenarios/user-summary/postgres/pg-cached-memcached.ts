// pg-cached-memcached — user-summary's pg-cached-redis with Memcached as the cache: the same cache-aside over
// pg-join's statement, the same TTL, no negative caching, through memjs over Memcached's binary protocol. Choose it
// when many app servers read the same hot summaries and the team already runs Memcached (multi-threaded, memory only,
// nothing else to operate). It costs a network hop per request, a server to run, staleness bounded only by the TTL
// (this scenario has no write to invalidate on), no request coalescing on concurrent misses, and Memcached's limits
// (1 MB values, LRU eviction, no SASL in the default build: loopback only here). A hit is one GET and no SQL.
import type { RawJson } from '../../../src/core/context.ts';
import { defineStrategy } from '../../../src/core/scenario.ts';
import type { Params, UserSummary } from '../contract.ts';
import { cacheAside, memcachedCache } from '../../shared/cache-aside.ts';
import { selectSummary } from './pg-join.ts';
import { key } from './pg-cached-redis.ts';

export default defineStrategy<Params, never, UserSummary | RawJson>({
  name: 'pg-cached-memcached',
  technique: 'cached',
  client: 'pg',
  needs: ['postgres', 'memcached'],
  expectQueries: (f) => (f.exists && f.repeat ? 0 : 1),
  expectCacheRoundTrips: (f) => (f.exists ? (f.repeat ? 1 : 2) : 1),
  // The TTL is ctx.settings.cacheTtlSeconds, as for pg-cached-redis.
  parity: { preparedStatements: true, readFrom: 'primary', cache: 'memcached' },
  read: ({ id }, ctx) => cacheAside(memcachedCache(ctx), ctx, key(id), () => selectSummary(ctx.pg, id), { negative: false }),
});
