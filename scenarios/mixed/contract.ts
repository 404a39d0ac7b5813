// mixed — post-detail reads with add-comment writes (90/10 by default; `--write-ratio` changes it). The same strategy
// files serve it: their `write` keeps their own cache or read model correct. What it exposes: write amplification
// (the denormalized form), cache staleness and invalidation cost (cached strategies), and replica lag (pg-replica).
// Its contract is post-detail's with a write mix; index.ts picks which of post-detail's strategies take part.
import { defineContract } from '../../src/core/scenario.ts';
import { contract as postDetail, type NewComment, type Params } from '../post-detail/contract.ts';

export type { NewComment, Params };

export const DEFAULT_WRITE_RATIO = 0.1;

export const contract = defineContract<Params, NewComment>({
  ...postDetail,
  name: 'mixed',
  summary: `post-detail reads with ${DEFAULT_WRITE_RATIO * 100} % add-comment writes: write cost, staleness and lag`,
  mix: { writeRatio: DEFAULT_WRITE_RATIO },
  fanout: undefined,
});
