-- The read models of user-summary (scenarios/user-summary): the same GET /users/:id/summary payload for every user,
-- kept two ways, so the report can set them side by side.
--
-- user_summary_mv, a materialized view (pg-matview): PostgreSQL computes every summary in one set-based query and
-- stores the result; it is brought up to date only by REFRESH MATERIALIZED VIEW, which pg-matview runs on a schedule.
-- CONCURRENTLY (readers are never blocked) needs a unique index on plain columns, hence user_summary_mv_user_id_idx,
-- and compares old and new rows, hence `payload text` (json has no equality operator; text is also what a read
-- returns, so a read pays nothing but the lookup).
--
-- user_summaries, a table (pg-denormalized): filled from the view at seeding, then kept current by the write path,
-- which recomputes the writer's row in the transaction that adds the post.

CREATE MATERIALIZED VIEW user_summary_mv AS
WITH post_counts AS (
  SELECT author_id, count(*) AS n FROM posts GROUP BY author_id
), comments_received AS (
  SELECT p.author_id, count(*) AS n FROM comments c JOIN posts p ON p.id = c.post_id GROUP BY p.author_id
), tag_counts AS (
  SELECT p.author_id, tg.name, count(*) AS n,
         row_number() OVER (PARTITION BY p.author_id ORDER BY count(*) DESC, tg.name COLLATE "C") AS rank
  FROM posts p JOIN post_tags pt ON pt.post_id = p.id JOIN tags tg ON tg.id = pt.tag_id
  GROUP BY p.author_id, tg.name
), top_tags AS (
  -- 5 = TOP_TAGS in scenarios/user-summary/contract.ts
  SELECT author_id, json_agg(json_build_object('name', name, 'count', n) ORDER BY rank) AS list
  FROM tag_counts WHERE rank <= 5 GROUP BY author_id
), ranked_posts AS (
  SELECT author_id, id, title, created_at,
         row_number() OVER (PARTITION BY author_id ORDER BY created_at DESC, id DESC) AS rank
  FROM posts
), latest_posts AS (
  -- 5 = LATEST_POSTS in scenarios/user-summary/contract.ts
  SELECT author_id,
         json_agg(json_build_object('id', id, 'title', title,
                                    'createdAt', to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
                  ORDER BY rank) AS list
  FROM ranked_posts WHERE rank <= 5 GROUP BY author_id
)
SELECT u.id AS user_id,
       json_build_object(
         'id', u.id, 'username', u.username, 'displayName', u.display_name,
         'postCount', coalesce(pc.n, 0),
         'commentsReceived', coalesce(cr.n, 0),
         'topTags', coalesce(tt.list, '[]'),
         'latestPosts', coalesce(lp.list, '[]')
       )::text AS payload
FROM users u
LEFT JOIN post_counts pc ON pc.author_id = u.id
LEFT JOIN comments_received cr ON cr.author_id = u.id
LEFT JOIN top_tags tt ON tt.author_id = u.id
LEFT JOIN latest_posts lp ON lp.author_id = u.id
WITH NO DATA;
CREATE UNIQUE INDEX user_summary_mv_user_id_idx ON user_summary_mv (user_id);

CREATE TABLE user_summaries (
  user_id integer PRIMARY KEY REFERENCES users (id),
  payload json    NOT NULL
);

-- New posts (the write of user-summary-mixed) take their ids from this sequence: posts.id has no default, because
-- the generator assigns the seeded ids (identical in PostgreSQL and MongoDB). Seeding moves it past them below.
CREATE SEQUENCE post_ids AS integer;

-- Fills both models and moves the post id sequence past the seeded posts (the seed calls it after the COPY).
CREATE FUNCTION accessbench_refresh_user_summary() RETURNS void LANGUAGE sql AS $$
  SELECT setval('post_ids', (SELECT coalesce(max(id), 0) + 1 FROM posts), false);
  REFRESH MATERIALIZED VIEW user_summary_mv;
  TRUNCATE user_summaries;
  INSERT INTO user_summaries (user_id, payload) SELECT user_id, payload::json FROM user_summary_mv;
$$;
