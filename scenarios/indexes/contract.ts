// indexes — post-detail reads with add-comment writes (90/10, `--write-ratio` changes it), served by the same strategy
// files on differently indexed copies of the seeded database: as seeded (every foreign key indexed), without the
// foreign-key indexes, and with the extra indexes a careless team adds. What it shows: the read an index saves (and
// the plan behind it) against the write it costs (write latency, WAL bytes per write).
// Its contract is post-detail's with a write mix, like mixed's; index.ts declares the variants and the contenders.
import { defineContract } from '../../src/core/scenario.ts';
import { contenderName } from '../../src/core/variants.ts';
import { contract as postDetail, type NewComment, type Params } from '../post-detail/contract.ts';

export type { NewComment, Params };

export const DEFAULT_WRITE_RATIO = 0.1;

/** The variant every other one is compared with: the database as seeded. */
export const BASELINE = 'as-seeded';

export const contract = defineContract<Params, NewComment>({
  ...postDetail,
  name: 'indexes',
  summary:
    `post-detail reads with ${DEFAULT_WRITE_RATIO * 100} % add-comment writes on databases as seeded, without the foreign-key ` +
    'indexes, and with extra indexes: the read an index saves, the write it costs',
  // The reference runs on the database as seeded (the run's shared copy); every variant must return its payloads.
  reference: contenderName('pg-join', BASELINE),
  mix: { writeRatio: DEFAULT_WRITE_RATIO },
  fanout: undefined,
});
