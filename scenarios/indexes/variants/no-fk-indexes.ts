// no-fk-indexes — the foreign keys without their indexes: PostgreSQL indexes primary keys and unique constraints
// but never the referencing side of a foreign key, so a schema written from the entities alone ends up like this.
// post_tags loses its primary key too (a join table created without one), the index that served "tags of a post".
// What it shows: every "comments of a post" and "tags of a post" becomes a sequential scan, whose cost grows with
// the table, not with the post; writes get cheaper (fewer indexes to maintain). When a team would run it: never on
// purpose; it is what an ORM migration without explicit indexes gives. What it costs: reads that slow down with
// data growth, and the sequential scans' buffers crowding the cache.
import type { DbVariant } from '../../../src/core/scenario.ts';

export const noFkIndexes: DbVariant = {
  summary: 'no foreign-key indexes: comments.post_id, comments.author_id, posts.author_id and post_tags dropped',
  sql: [
    'DROP INDEX comments_post_id_created_at_id_idx',
    'DROP INDEX comments_author_id_idx',
    'DROP INDEX posts_author_id_idx',
    'DROP INDEX post_tags_tag_id_idx',
    'ALTER TABLE post_tags DROP CONSTRAINT post_tags_pkey',
  ],
};
