// pg-cached-redis — cache-aside in Redis in front of pg-join: a hit is one GET and no SQL; a miss runs the statement
// and stores its JSON text with a TTL. Choose it when many app servers read the same hot summaries; it costs a
// network hop per request, a Redis to run, and staleness windows: a write (user-summary-mixed) deletes the writer's key
// after its commit, but a read that missed and loses the race to that write can SET the old summary after the DEL,
// and it then stays until ctx.settings.cacheTtlSeconds. Concurrent misses on one key each run the statement (no
// request coalescing), as plain cache-aside does. The cache-aside logic is scenarios/shared/cache-aside.ts, shared
// with pg-cached-memcached: the two differ only in the client.
import type { RawJson } from '../../../src/core/context.ts';
import { defineStrategy } from '../../../src/core/scenario.ts';
import type { NewPost, Params, UserSummary } from '../contract.ts';
import { insertPost } from '../lib/pg-post-write.ts';
import { cacheAside, redisCache, writeThenInvalidate } from '../../shared/cache-aside.ts';
import { selectSummary } from './pg-join.ts';

/** Versioned so a change to the payload never serves entries of the old shape. */
export const key = (id: number): string => `user-summary:v1:${id}`;

export default defineStrategy<Params, NewPost, UserSummary | RawJson>({
  name: 'pg-cached-redis',
  technique: 'cached',
  client: 'pg',
  needs: ['postgres', 'redis'],
  // A miss costs pg-join's one statement, a hit none. Unknown users are not cached (no negative caching), so a 404
  // costs the statement every time.
  expectQueries: (f) => (f.exists && f.repeat ? 0 : 1),
  // A miss is GET + SET, a hit one GET; an unknown user is a GET that misses, every time.
  expectCacheRoundTrips: (f) => (f.exists ? (f.repeat ? 1 : 2) : 1),
  // The TTL is a run setting (ctx.settings), recorded with the run's settings rather than fixed here.
  parity: { preparedStatements: true, readFrom: 'primary', cache: 'redis' },
  read: ({ id }, ctx) => cacheAside(redisCache(ctx), ctx, key(id), () => selectSummary(ctx.pg, id), { negative: false }),
  // After the commit, never before: deleting first lets a concurrent read re-cache the pre-write summary.
  write: ({ id }, post, ctx) =>
    writeThenInvalidate(redisCache(ctx), async () => ({ result: await insertPost(ctx.pg, id, post), keys: [key(id)] })),
});
