// as-seeded — the database as datasets/01-schema.sql builds it: every foreign key has an index (comments by post in
// display order, comments by author, posts by author, post_tags by post through its primary key and by tag), plus
// the feed's recency index. The baseline the other variants are compared with; what a team that indexes its foreign
// keys and its hot orderings runs. Cost: one index per foreign key to maintain on every write.
import type { DbVariant } from '../../../src/core/scenario.ts';

export const asSeeded: DbVariant = {
  summary: 'as seeded: every foreign key indexed (datasets/01-schema.sql)',
  sql: [],
};
