// feed-mixed's manifest: its contract (contract.ts) and the feed strategies whose write path differs, served from
// feed's files (sourceDir) through feed's manifest: pg-join as the baseline (and the reference), the read model kept
// by the write path, the materialized view refreshed on a schedule, and the cache a fleet would share (Redis). pg-cached-memory, whose invalidation is the same code, takes part under
// post-detail's paced writes (mixed-paced, mixed-hot); leaving it out here keeps the default run within its budget.
import { defineScenario } from '../../src/core/scenario.ts';
import feed from '../feed/index.ts';
import { contract, type NewComment, type Params } from './contract.ts';

const FEED_MIXED = ['pg-join', 'pg-denormalized', 'pg-matview', 'pg-cached-redis'];

export default defineScenario<Params, NewComment>({
  ...contract,
  sourceDir: 'feed',
  strategies: Object.fromEntries(Object.entries(feed.strategies).filter(([name]) => FEED_MIXED.includes(name))),
});
