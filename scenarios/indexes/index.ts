// indexes' manifest: its contract (contract.ts), its database variants (variants/, one file each) and its contenders,
// `strategy@variant`: post-detail's strategy files, each run on its own database copy per variant. The default run
// measures pg-join on the three variants (one statement: the plan is the whole story); the full profile adds
// prisma-include (one query per relation level) and pg-naive (a query per comment author).
import { defineScenario } from '../../src/core/scenario.ts';
import { variantStrategies } from '../../src/core/variants.ts';
import postDetail from '../post-detail/index.ts';
import { BASELINE, contract, type NewComment, type Params } from './contract.ts';
import { asSeeded } from './variants/as-seeded.ts';
import { extraIndexes } from './variants/extra-indexes.ts';
import { noFkIndexes } from './variants/no-fk-indexes.ts';

const VARIANTS = { [BASELINE]: asSeeded, 'no-fk-indexes': noFkIndexes, 'extra-indexes': extraIndexes };

const DEFAULT_RUN = ['pg-join'];

export default defineScenario<Params, NewComment>({
  ...contract,
  // No database ceiling: the reference statement's rate on one variant is no bound on the others.
  dbReference: undefined,
  dbVariants: {
    variants: VARIANTS,
    explain: () => import('../post-detail/postgres/pg-join.ts').then((m) => m.DB_REFERENCE),
  },
  sourceDir: 'post-detail',
  strategies: variantStrategies(postDetail.strategies, ['pg-join', 'prisma-include', 'pg-naive'], Object.keys(VARIANTS), (s) =>
    DEFAULT_RUN.includes(s) ? undefined : ['full'],
  ),
});
