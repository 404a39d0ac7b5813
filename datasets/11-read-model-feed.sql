-- The feed's read model (scenarios/feed/postgres/pg-denormalized.ts): one narrow row per post holding exactly what a
-- feed item shows — title, author snapshot, comment count, tag names — so a page is one index range scan of one
-- table, with no join and no per-post subquery.
-- A separate table rather than columns on posts: posts stays the normalized source of truth (its rows, and so every
-- other strategy's numbers, are unchanged), and the model can be rebuilt from it at any time.
-- The write path keeps comment_count exact (same transaction as the INSERT of the comment); the author snapshot and
-- the tags have no write path in this benchmark (a username change would have to update every item of that author).
-- fillfactor 90 leaves room on each page, so the frequent comment_count updates are HOT (no index entry rewritten).
CREATE TABLE feed_items (
  post_id             integer     PRIMARY KEY REFERENCES posts (id),
  created_at          timestamptz NOT NULL,
  title               text        NOT NULL,
  author_id           integer     NOT NULL,
  author_username     text        NOT NULL,
  author_display_name text        NOT NULL,
  comment_count       integer     NOT NULL,
  -- In byte order (COLLATE "C"), as the payload contract says.
  tag_names           text[]      NOT NULL
) WITH (fillfactor = 90);
CREATE INDEX feed_items_created_at_post_id_idx ON feed_items (created_at DESC, post_id DESC);

-- The same rows as a materialized view (scenarios/feed/postgres/pg-matview.ts): PostgreSQL recomputes every item on
-- REFRESH MATERIALIZED VIEW, which that strategy runs on a schedule; no write path maintains it. CONCURRENTLY (readers
-- never blocked) needs the unique index on post_id; the (created_at, post_id) index serves the page as feed_items'.
CREATE MATERIALIZED VIEW feed_items_mv AS
SELECT p.id AS post_id, p.created_at, p.title, u.id AS author_id, u.username AS author_username,
       u.display_name AS author_display_name,
       coalesce(c.n, 0) AS comment_count,
       coalesce(t.names, '{}') AS tag_names
FROM posts p
JOIN users u ON u.id = p.author_id
LEFT JOIN (SELECT post_id, count(*)::int AS n FROM comments GROUP BY post_id) c ON c.post_id = p.id
LEFT JOIN (SELECT pt.post_id, array_agg(tg.name ORDER BY tg.name COLLATE "C") AS names
           FROM post_tags pt JOIN tags tg ON tg.id = pt.tag_id GROUP BY pt.post_id) t ON t.post_id = p.id
WITH NO DATA;
CREATE UNIQUE INDEX feed_items_mv_post_id_idx ON feed_items_mv (post_id);
CREATE INDEX feed_items_mv_created_at_post_id_idx ON feed_items_mv (created_at DESC, post_id DESC);

-- Rebuilds both from the normalized tables; the seed calls it after the COPY (accessbench_refresh_* convention).
CREATE FUNCTION accessbench_refresh_feed_read_model() RETURNS void LANGUAGE sql AS $$
  REFRESH MATERIALIZED VIEW feed_items_mv;
  TRUNCATE feed_items;
  INSERT INTO feed_items (post_id, created_at, title, author_id, author_username, author_display_name, comment_count, tag_names)
  SELECT post_id, created_at, title, author_id, author_username, author_display_name, comment_count, tag_names
  FROM feed_items_mv;
$$;
