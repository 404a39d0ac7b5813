// feed-mixed-hot — feed-mixed with its comments following the reads: each lands on a post of a page drawn with the
// same Zipf over the same hot pages as the reads, so nearly every comment invalidates a cached page that is being
// read, and the read model's hot rows take the writes. Against feed-mixed (uniform) it shows what a cache's hit ratio
// and a read model's write cost are when writes hit what is read, at the same write rate.
import { defineContract } from '../../src/core/scenario.ts';
import { contract as feedMixed, WRITE_RATE, type NewComment, type Params } from '../feed-mixed/contract.ts';

export type { NewComment, Params };

export const contract = defineContract<Params, NewComment>({
  ...feedMixed,
  name: 'feed-mixed-hot',
  summary: `feed pages read while ${WRITE_RATE} comments/s land where the reads go (hot pages): caches and read model under hot writes`,
  mix: { writeRatio: 0.1, writeRate: WRITE_RATE, writeTarget: 'hot' },
});
