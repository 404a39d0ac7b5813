// pg-cached-memory — the same cache-aside policy as pg-cached-redis, in an in-process LRU: a hit costs a Map lookup
// and no network at all; a miss runs pg-join's statement and keeps its JSON text for ctx.settings.cacheTtlSeconds.
// Choose it for a single instance or data that tolerates per-instance staleness; it costs memory in every process,
// a cold cache per instance, and no invalidation across instances: a write (user-summary-mixed) deletes the writer's
// entry in this process only, so with several instances the TTL is what bounds staleness. Like pg-cached-redis,
// concurrent misses on one key are not coalesced.
import { RawJson } from '../../../src/core/context.ts';
import { defineStrategy } from '../../../src/core/scenario.ts';
import type { NewPost, Params, UserSummary } from '../contract.ts';
import { insertPost } from '../lib/pg-post-write.ts';
import { selectSummary } from './pg-join.ts';

const key = (id: number): string => `user-summary:v1:${id}`;

export default defineStrategy<Params, NewPost, UserSummary | RawJson>({
  name: 'pg-cached-memory',
  technique: 'cached',
  client: 'pg',
  needs: ['postgres'],
  // A miss costs pg-join's one statement, a hit none; unknown users are not cached, so a 404 always costs one.
  expectQueries: (f) => (f.exists && f.repeat ? 0 : 1),
  // The TTL and the LRU size are run settings (ctx.settings), recorded with the run's settings rather than fixed here.
  parity: { preparedStatements: true, readFrom: 'primary' },
  read: async ({ id }, ctx) => {
    const cached = ctx.memory.get(key(id));
    if (cached !== undefined) {
      ctx.cache.hit();
      return new RawJson(cached);
    }
    ctx.cache.miss();
    const payload = await selectSummary(ctx.pg, id);
    if (payload === null) return null;
    ctx.memory.set(key(id), payload, { ttl: ctx.settings.cacheTtlSeconds * 1000 });
    return new RawJson(payload);
  },
  write: async ({ id }, post, ctx) => {
    const created = await insertPost(ctx.pg, id, post);
    // After the commit, never before: deleting first lets a concurrent read re-cache the pre-write summary.
    ctx.memory.delete(key(id));
    return created;
  },
});
