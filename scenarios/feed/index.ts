// feed's manifest: its contract (contract.ts) and the strategies that serve it, one line per strategy file, keyed by
// the file's name. Strategies import the contract, never this file.
import { defineScenario } from '../../src/core/scenario.ts';
import { contract, type NewComment, type Params } from './contract.ts';

export default defineScenario<Params, NewComment>({
  ...contract,
  // The default run keeps one strategy per technique here (post-detail times them all); the second cache client, the
  // in-process cache, the replica and Prisma's other two shapes run in the quick and full profiles, or when named.
  strategyRunIn: {
    'pg-replica': ['quick', 'full'],
    'pg-cached-memcached': ['quick', 'full'],
    'pg-cached-memory': ['quick', 'full'],
    'prisma-join': ['quick', 'full'],
    'prisma-select': ['quick', 'full'],
    // Without writes the view is never stale and a page is the read model's range scan: the full profile only here;
    // feed-mixed and feed-mixed-hot time it in the default run, beside its staleness and refresh cost.
    'pg-matview': ['full'],
  },
  dbReference: () => import('./postgres/pg-join.ts').then((m) => m.DB_REFERENCE),
  strategies: {
    'pg-join': () => import('./postgres/pg-join.ts'),
    'pg-naive': () => import('./postgres/pg-naive.ts'),
    'pg-naive-parallel': () => import('./postgres/pg-naive-parallel.ts'),
    'pg-replica': () => import('./postgres/pg-replica.ts'),
    'pg-denormalized': () => import('./postgres/pg-denormalized.ts'),
    'pg-matview': () => import('./postgres/pg-matview.ts'),
    'pg-cached-redis': () => import('./postgres/pg-cached-redis.ts'),
    'pg-cached-memcached': () => import('./postgres/pg-cached-memcached.ts'),
    'pg-cached-memory': () => import('./postgres/pg-cached-memory.ts'),
    'prisma-naive': () => import('./postgres/prisma-naive.ts'),
    'graphql-naive': () => import('./postgres/graphql-naive.ts'),
    'graphql-dataloader': () => import('./postgres/graphql-dataloader.ts'),
    'graphql-lookahead': () => import('./postgres/graphql-lookahead.ts'),
    'prisma-include': () => import('./postgres/prisma-include.ts'),
    'prisma-join': () => import('./postgres/prisma-join.ts'),
    'prisma-select': () => import('./postgres/prisma-select.ts'),
    'mongoose-naive': () => import('./mongo/mongoose-naive.ts'),
    'mongoose-populate': () => import('./mongo/mongoose-populate.ts'),
    'mongoose-lean': () => import('./mongo/mongoose-lean.ts'),
    'mongoose-embedded': () => import('./mongo/mongoose-embedded.ts'),
    'mongoose-lookup': () => import('./mongo/mongoose-lookup.ts'),
  },
});
