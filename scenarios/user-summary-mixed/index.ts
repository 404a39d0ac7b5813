// user-summary-mixed's manifest: its contract (contract.ts) and the user-summary strategies with a write path, served
// from user-summary's files (sourceDir). They are imported here, not picked from user-summary's manifest, so that
// tsc checks each has the add-post write this load sends (user-summary's own manifest types them as read-only).
import { defineScenario } from '../../src/core/scenario.ts';
import { contract, type NewPost, type Params } from './contract.ts';

export default defineScenario<Params, NewPost>({
  ...contract,
  // No database ceiling: the read alone is not what bounds a read/write mix (see mixed).
  dbReference: undefined,
  sourceDir: 'user-summary',
  // The default run times the baseline and the two read models; the caches only in full (mixed shows caches under
  // writes in the default run already). user-summary runs the read models in full only; here they are the point.
  strategyRunIn: {
    'pg-matview': undefined,
    'pg-denormalized': undefined,
    'pg-cached-redis': ['full'],
    'pg-cached-memory': ['full'],
  },
  // The summary computed per read as the baseline, then the view, the read model and the caches.
  strategies: {
    'pg-join': () => import('../user-summary/postgres/pg-join.ts'),
    'pg-matview': () => import('../user-summary/postgres/pg-matview.ts'),
    'pg-denormalized': () => import('../user-summary/postgres/pg-denormalized.ts'),
    'pg-cached-redis': () => import('../user-summary/postgres/pg-cached-redis.ts'),
    'pg-cached-memory': () => import('../user-summary/postgres/pg-cached-memory.ts'),
  },
});
