// pg-cached-redis — cache-aside in Redis in front of pg-join: GET the key; on a miss run pg-join's statement and
// SET the payload JSON with a TTL; a write inserts the comment on the primary, then DELetes the key. Choose it for
// hot, read-mostly data shared by a fleet of servers (one cache, one invalidation for all of them). It costs a
// Redis round trip on every request (the miss path pays Redis and PostgreSQL), a service to run, and staleness
// windows: a read that misses, loses the race to a concurrent write, and SETs the old payload after the DEL keeps
// it until the TTL (keyed versions or leases close that window; a short TTL bounds it).
// Counting: queries per request count PostgreSQL statements only; Redis round trips are not in the count
// (a miss is 1 query + GET + SET, a hit is 0 queries + GET). The run reports the hit ratio beside it.
import { RawJson } from '../../../src/core/context.ts';
import { defineStrategy } from '../../../src/core/scenario.ts';
import type { NewComment, Params, PostDetail } from '../contract.ts';
import { queryPostDetail } from './pg-join.ts';
import { insertComment } from '../../shared/pg-comment-write.ts';

const key = (id: number): string => `post-detail:${id}`;

// Negative caching: a missing post is cached as an empty string (never a valid payload) with the same TTL, so a
// stream of requests for ids that do not exist (scrapers, deleted links) cannot bypass the cache and reach the
// database every time. This endpoint never creates posts; an API that did would delete the key on creation.
const MISSING = '';

export default defineStrategy<Params, NewComment, PostDetail | RawJson>({
  name: 'pg-cached-redis',
  technique: 'cached',
  client: 'pg',
  needs: ['postgres', 'redis'],
  // The first read of a key misses (1 statement, 404 included); the repeated read is a hit (0).
  expectQueries: (f) => (f.repeat ? 0 : 1),
  // The TTL is ctx.settings.cacheTtlSeconds, recorded with the run's settings (not repeated here, where it could lie).
  parity: { preparedStatements: true, readFrom: 'primary', cache: 'redis', negativeCaching: true },
  read: async ({ id }, ctx) => {
    // Redis errors propagate as failed requests: in a benchmark a cache outage must show, not quietly turn this
    // strategy into pg-join.
    const cached = await ctx.redis.get(key(id));
    if (cached !== null) {
      ctx.cache.hit();
      return cached === MISSING ? null : new RawJson(cached);
    }
    ctx.cache.miss();
    const payload = await queryPostDetail(ctx.pg, id);
    await ctx.redis.set(key(id), payload ?? MISSING, 'EX', ctx.settings.cacheTtlSeconds);
    return payload === null ? null : new RawJson(payload);
  },
  write: async ({ id }, comment, ctx) => {
    const created = await insertComment(ctx.pg, id, comment);
    // After the commit, never before: deleting first lets a concurrent read re-cache the pre-write payload.
    await ctx.redis.del(key(id));
    return created;
  },
});
