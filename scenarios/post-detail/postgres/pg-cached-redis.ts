// pg-cached-redis — cache-aside in Redis in front of pg-join: GET the key; on a miss run pg-join's statement and
// SET the payload JSON with a TTL; a write inserts the comment on the primary, then DELetes the key. Choose it for
// hot, read-mostly data shared by a fleet of servers (one cache, one invalidation for all of them). It costs a
// Redis round trip on every request (the miss path pays Redis and PostgreSQL), a service to run, and staleness
// windows: a read that misses, loses the race to a concurrent write, and SETs the old payload after the DEL keeps
// it until the TTL (keyed versions or leases close that window; a short TTL bounds it).
// Counting: queries per request count PostgreSQL statements only; Redis round trips are counted apart (a miss is
// 1 query + GET + SET, a hit is 0 queries + GET). The run reports the hit ratio beside them. The cache-aside logic
// is scenarios/shared/cache-aside.ts, shared with pg-cached-memcached: the two differ only in the client.
import type { RawJson } from '../../../src/core/context.ts';
import { defineStrategy } from '../../../src/core/scenario.ts';
import type { NewComment, Params, PostDetail } from '../contract.ts';
import { queryPostDetail } from './pg-join.ts';
import { insertComment } from '../../shared/pg-comment-write.ts';
import { cacheAside, redisCache, writeThenInvalidate } from '../../shared/cache-aside.ts';

export const key = (id: number): string => `post-detail:${id}`;

export default defineStrategy<Params, NewComment, PostDetail | RawJson>({
  name: 'pg-cached-redis',
  technique: 'cached',
  client: 'pg',
  needs: ['postgres', 'redis'],
  // The first read of a key misses (1 statement, 404 included); the repeated read is a hit (0).
  expectQueries: (f) => (f.repeat ? 0 : 1),
  // A miss is GET + SET (a missing post is cached too), a hit one GET.
  expectCacheRoundTrips: (f) => (f.repeat ? 1 : 2),
  // The TTL is ctx.settings.cacheTtlSeconds, recorded with the run's settings (not repeated here, where it could lie).
  parity: { preparedStatements: true, readFrom: 'primary', cache: 'redis', negativeCaching: true },
  read: ({ id }, ctx) => cacheAside(redisCache(ctx), ctx, key(id), () => queryPostDetail(ctx.pg, id), { negative: true }),
  write: ({ id }, comment, ctx) =>
    writeThenInvalidate(redisCache(ctx), async () => ({ result: await insertComment(ctx.pg, id, comment), keys: [key(id)] })),
});
