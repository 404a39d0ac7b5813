// mixed-paced — post-detail reads in a closed loop with comments at a fixed rate beside them (src/load/writer.ts),
// uniform over all posts. Unlike mixed (a share of the loop's requests), every strategy receives the same comments in
// every trial, so a faster one is not charged for the comments its own speed added. It is the uniform half of the
// pair with mixed-hot, which sends the same rate of comments where the reads go.
import { defineContract } from '../../src/core/scenario.ts';
import { contract as mixed, type NewComment, type Params } from '../mixed/contract.ts';

/** Comments per second beside the reads. */
export const WRITE_RATE = 100;

export type { NewComment, Params };

export const contract = defineContract<Params, NewComment>({
  ...mixed,
  name: 'mixed-paced',
  summary: `post-detail reads with ${WRITE_RATE} comments/s uniformly over all posts beside them`,
  mix: { writeRatio: mixed.mix?.writeRatio ?? 0.1, writeRate: WRITE_RATE, writeTarget: 'uniform' },
});
