// post-detail's manifest: its contract (contract.ts) and the strategies that serve it, one line per strategy file,
// keyed by the file's name. Strategies import the contract, never this file.
import { defineScenario } from '../../src/core/scenario.ts';
import { contract, type NewComment, type Params } from './contract.ts';

export default defineScenario<Params, NewComment>({
  ...contract,
  // Within the default run's time budget: Prisma's select shape and the second cache client (mixed compares Memcached
  // with Redis under writes by default) run in the quick and full profiles, or when named.
  strategyRunIn: { 'prisma-select': ['quick', 'full'], 'pg-cached-memcached': ['quick', 'full'] },
  dbReference: () => import('./postgres/pg-join.ts').then((m) => m.DB_REFERENCE),
  strategies: {
    'pg-join': () => import('./postgres/pg-join.ts'),
    'prisma-naive': () => import('./postgres/prisma-naive.ts'),
    'prisma-include': () => import('./postgres/prisma-include.ts'),
    'prisma-join': () => import('./postgres/prisma-join.ts'),
    'prisma-select': () => import('./postgres/prisma-select.ts'),
    'pg-naive': () => import('./postgres/pg-naive.ts'),
    'pg-naive-parallel': () => import('./postgres/pg-naive-parallel.ts'),
    'prisma-naive-parallel': () => import('./postgres/prisma-naive-parallel.ts'),
    'graphql-naive': () => import('./postgres/graphql-naive.ts'),
    'graphql-dataloader': () => import('./postgres/graphql-dataloader.ts'),
    'graphql-lookahead': () => import('./postgres/graphql-lookahead.ts'),
    'pg-replica': () => import('./postgres/pg-replica.ts'),
    'pg-denormalized': () => import('./postgres/pg-denormalized.ts'),
    'pg-cached-redis': () => import('./postgres/pg-cached-redis.ts'),
    'pg-cached-memcached': () => import('./postgres/pg-cached-memcached.ts'),
    'pg-cached-memory': () => import('./postgres/pg-cached-memory.ts'),
    'mongoose-naive': () => import('./mongo/mongoose-naive.ts'),
    'mongoose-populate': () => import('./mongo/mongoose-populate.ts'),
    'mongoose-lean': () => import('./mongo/mongoose-lean.ts'),
    'mongoose-embedded': () => import('./mongo/mongoose-embedded.ts'),
    'mongoose-lookup': () => import('./mongo/mongoose-lookup.ts'),
  },
});
