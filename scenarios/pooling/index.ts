// pooling's manifest: its contract (contract.ts) and the strategies that serve it. The pool-size sweep's ends (1, 5,
// 20), the connection per request through PgBouncer and Prisma through PgBouncer run in the full profile only
// (runIn): the default run keeps pool 10, pool 50, a connection per request and pg through PgBouncer.
import { defineScenario } from '../../src/core/scenario.ts';
import { contract, type Params } from './contract.ts';

export default defineScenario<Params>({
  ...contract,
  strategies: {
    'pg-pool-1': () => import('./postgres/pg-pool-1.ts'),
    'pg-pool-5': () => import('./postgres/pg-pool-5.ts'),
    'pg-pool-10': () => import('./postgres/pg-pool-10.ts'),
    'pg-pool-20': () => import('./postgres/pg-pool-20.ts'),
    'pg-pool-50': () => import('./postgres/pg-pool-50.ts'),
    'pg-per-request': () => import('./postgres/pg-per-request.ts'),
    'pg-per-request-pgbouncer': () => import('./postgres/pg-per-request-pgbouncer.ts'),
    'pg-pgbouncer': () => import('./postgres/pg-pgbouncer.ts'),
    'prisma-pgbouncer': () => import('./postgres/prisma-pgbouncer.ts'),
  },
});
