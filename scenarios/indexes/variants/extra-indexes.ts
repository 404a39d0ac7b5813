// extra-indexes — the seeded indexes plus those a careless team adds "in case": a plain index on comments.post_id
// that the (post_id, created_at, id) index already covers, single-column indexes on created_at, a composite
// (author_id, post_id) duplicating comments_author_id_idx's leading column, a b-tree on the comment text nobody
// searches by equality, and one on posts.title. What it shows: the reads do not get faster (the planner already had
// what it needed), but every comment written now updates five more b-trees: more write latency, more WAL per write
// (and so more replica traffic and backup volume), more buffer cache spent on index pages. When a team would run it:
// when indexes are added per query someone once ran, never removed. Find unused ones in pg_stat_user_indexes.
import type { DbVariant } from '../../../src/core/scenario.ts';

export const extraIndexes: DbVariant = {
  summary: 'extra indexes: five more on comments (post_id, created_at, author_id+post_id, post_id+author_id, body) and one on posts.title',
  sql: [
    'CREATE INDEX comments_post_id_idx ON comments (post_id)',
    'CREATE INDEX comments_created_at_idx ON comments (created_at)',
    'CREATE INDEX comments_author_id_post_id_idx ON comments (author_id, post_id)',
    'CREATE INDEX comments_post_id_author_id_idx ON comments (post_id, author_id)',
    'CREATE INDEX comments_body_idx ON comments (body)',
    'CREATE INDEX posts_title_idx ON posts (title)',
  ],
};
