// mixed's manifest: its contract (contract.ts) and the post-detail strategies whose write path differs, served from
// post-detail's files (sourceDir) through post-detail's manifest.
import { defineScenario } from '../../src/core/scenario.ts';
import postDetail from '../post-detail/index.ts';
import { contract, type NewComment, type Params } from './contract.ts';

/** The strategies whose write path differs: the plain ones as a baseline, then every cache, replica and read model. */
const MIXED = [
  'pg-join',
  'prisma-include',
  'pg-replica',
  'pg-denormalized',
  'pg-cached-redis',
  'pg-cached-memcached',
  'pg-cached-memory',
  'mongoose-lean',
  'mongoose-embedded',
];

export default defineScenario<Params, NewComment>({
  ...contract,
  // No database ceiling: post-detail's read alone is not what bounds a read/write mix (writes take locks, WAL and
  // invalidations), and a ceiling that leaves them out would flatter every strategy's share.
  dbReference: undefined,
  sourceDir: 'post-detail',
  strategies: Object.fromEntries(Object.entries(postDetail.strategies).filter(([name]) => MIXED.includes(name))),
});
