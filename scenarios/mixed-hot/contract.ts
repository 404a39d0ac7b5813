// mixed-hot — mixed-paced with the comments following the reads: the same Zipf over the same shuffled post ids as
// the reads (WriteSpec.hot defaults to the read params), so the hot posts' cache entries are invalidated and their
// payloads grow while they are read. At a fixed rate, every strategy receives the same comments.
import { defineContract } from '../../src/core/scenario.ts';
import { contract as paced, WRITE_RATE, type NewComment, type Params } from '../mixed-paced/contract.ts';

export type { NewComment, Params };

export const contract = defineContract<Params, NewComment>({
  ...paced,
  name: 'mixed-hot',
  summary: `post-detail reads with ${WRITE_RATE} comments/s on the posts the reads hit (hot writes)`,
  mix: { writeRatio: paced.mix?.writeRatio ?? 0.1, writeRate: WRITE_RATE, writeTarget: 'hot' },
});
