// mixed — post-detail reads with add-comment writes (90/10 by default; `--write-ratio` changes it). The same strategy
// files serve it: their `write` keeps their own cache or read model correct. What it exposes: write amplification
// (the denormalized form), cache staleness and invalidation cost (cached strategies), and replica lag (pg-replica).
import { defineScenario } from '../../src/core/scenario.ts';
import postDetail, { type NewComment, type Params } from '../post-detail/index.ts';

export const DEFAULT_WRITE_RATIO = 0.1;

/** The strategies whose write path differs: the plain ones as a baseline, then every cache, replica and read model. */
const MIXED = [
  'pg-join',
  'prisma-include',
  'pg-replica',
  'pg-denormalized',
  'pg-cached-redis',
  'pg-cached-memory',
  'mongoose-lean',
  'mongoose-embedded',
];

export default defineScenario<Params, NewComment>({
  ...postDetail,
  name: 'mixed',
  summary: `post-detail reads with ${DEFAULT_WRITE_RATIO * 100} % add-comment writes: write cost, staleness and lag`,
  mix: { writeRatio: DEFAULT_WRITE_RATIO },
  fanout: undefined,
  // No database ceiling: post-detail's read alone is not what bounds a read/write mix (writes take locks, WAL and
  // invalidations), and a ceiling that leaves them out would flatter every strategy's share.
  dbReference: undefined,
  sourceDir: 'post-detail',
  strategies: Object.fromEntries(Object.entries(postDetail.strategies).filter(([name]) => MIXED.includes(name))),
});
