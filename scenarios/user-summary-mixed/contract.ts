// user-summary-mixed — user-summary reads with add-post writes (90/10 by default; `--write-ratio` changes it): the
// read models' side of the argument. A materialized view refreshed on a schedule (pg-matview) against a table the
// write path keeps current (pg-denormalized), caches invalidated on write (pg-cached-*) and the summary computed on
// every read (pg-join): read throughput against staleness, refresh cost and write cost. Its contract is
// user-summary's with the add-post write and a mix; index.ts picks which of user-summary's strategies take part.
import { defineContract } from '../../src/core/scenario.ts';
import { addPost, contract as userSummary, type NewPost, type Params } from '../user-summary/contract.ts';

export type { NewPost, Params };

export const DEFAULT_WRITE_RATIO = 0.1;

export const contract = defineContract<Params, NewPost>({
  ...userSummary,
  name: 'user-summary-mixed',
  summary: `user-summary reads with ${DEFAULT_WRITE_RATIO * 100} % add-post writes: materialized view vs read model vs cache`,
  writes: addPost,
  mix: { writeRatio: DEFAULT_WRITE_RATIO },
});
