// feed-pages' manifest: its contract (contract.ts) and the strategies that serve it, one line per strategy file, keyed
// by the file's name. Strategies import the contract, never this file. The default profile runs the pg pair (the
// paging technique alone, one statement each); quick and full run every pair.
import { defineScenario } from '../../src/core/scenario.ts';
import { contract, type Params } from './contract.ts';

export default defineScenario<Params>({
  ...contract,
  strategies: {
    'pg-offset': () => import('./postgres/pg-offset.ts'),
    'pg-keyset': () => import('./postgres/pg-keyset.ts'),
    'prisma-skip': () => import('./postgres/prisma-skip.ts'),
    'prisma-cursor': () => import('./postgres/prisma-cursor.ts'),
    'mongoose-skip': () => import('./mongo/mongoose-skip.ts'),
    'mongoose-range': () => import('./mongo/mongoose-range.ts'),
  },
});
