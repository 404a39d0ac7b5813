// user-summary's manifest: its contract (contract.ts) and the strategies that serve it, one line per strategy file,
// keyed by the file's name. Strategies import the contract, never this file.
import { defineScenario } from '../../src/core/scenario.ts';
import { contract, type Params } from './contract.ts';

export default defineScenario<Params>({
  ...contract,
  // The read models run here in the full profile only: without writes the view is never stale and both are one
  // primary-key lookup; user-summary-mixed times them in the default profile, beside their staleness and write cost.
  // The default run also leaves to the quick and full profiles what post-detail already times (the replica, the second
  // cache client, the in-process cache, Prisma's include and select shapes), and Prisma's N+1, whose 860 queries a
  // request (3 req/s on small) would take a third of the scenario's time; pg-naive shows the same N+1 by default.
  strategyRunIn: {
    'pg-denormalized': ['full'],
    'pg-matview': ['full'],
    'pg-replica': ['quick', 'full'],
    'pg-cached-memcached': ['quick', 'full'],
    'pg-cached-memory': ['quick', 'full'],
    'prisma-include': ['quick', 'full'],
    'prisma-select': ['quick', 'full'],
    'prisma-naive': ['quick', 'full'],
  },
  dbReference: () => import('./postgres/pg-join.ts').then((m) => m.DB_REFERENCE),
  strategies: {
    'pg-join': () => import('./postgres/pg-join.ts'),
    'pg-naive': () => import('./postgres/pg-naive.ts'),
    'pg-replica': () => import('./postgres/pg-replica.ts'),
    'pg-cached-redis': () => import('./postgres/pg-cached-redis.ts'),
    'pg-cached-memcached': () => import('./postgres/pg-cached-memcached.ts'),
    'pg-cached-memory': () => import('./postgres/pg-cached-memory.ts'),
    'pg-denormalized': () => import('./postgres/pg-denormalized.ts'),
    'pg-matview': () => import('./postgres/pg-matview.ts'),
    'prisma-naive': () => import('./postgres/prisma-naive.ts'),
    'prisma-include': () => import('./postgres/prisma-include.ts'),
    'prisma-join': () => import('./postgres/prisma-join.ts'),
    'prisma-select': () => import('./postgres/prisma-select.ts'),
    'mongoose-naive': () => import('./mongo/mongoose-naive.ts'),
    'mongoose-lean': () => import('./mongo/mongoose-lean.ts'),
    'mongoose-aggregate': () => import('./mongo/mongoose-aggregate.ts'),
  },
});
