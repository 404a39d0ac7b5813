// bulk-write's manifest: its contract (contract.ts) and the strategies that serve it, one line per strategy file.
// The default run times a telling three (pg-row-loop, pg-row-loop-tx, pg-unnest: a statement and a commit per row,
// one commit, one statement); the others declare runIn: ['full'] and run in the full profile or when named.
import { defineScenario } from '../../src/core/scenario.ts';
import { contract, type BulkBody, type Params } from './contract.ts';

export default defineScenario<Params, BulkBody>({
  ...contract,
  strategies: {
    'pg-unnest': () => import('./postgres/pg-unnest.ts'),
    'pg-row-loop': () => import('./postgres/pg-row-loop.ts'),
    'pg-row-loop-tx': () => import('./postgres/pg-row-loop-tx.ts'),
    'pg-multirow': () => import('./postgres/pg-multirow.ts'),
    'pg-copy': () => import('./postgres/pg-copy.ts'),
    'prisma-create-loop': () => import('./postgres/prisma-create-loop.ts'),
    'prisma-create-many': () => import('./postgres/prisma-create-many.ts'),
    'mongoose-save-loop': () => import('./mongo/mongoose-save-loop.ts'),
    'mongoose-insert-many': () => import('./mongo/mongoose-insert-many.ts'),
    'mongoose-insert-many-unordered': () => import('./mongo/mongoose-insert-many-unordered.ts'),
  },
});
