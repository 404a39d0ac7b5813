-- The read model of pg-denormalized (post-detail): one row per post holding the complete GET /posts/:id payload,
-- so a read is a primary-key lookup that returns stored bytes. Its write path (the strategy file) keeps it in step.
--
-- Why `json` and not `jsonb`: `json` stores the text as given (validated on input) and `payload::text` hands the
-- same bytes back, so a read pays nothing but the lookup. A `jsonb` column would re-serialize the whole document
-- on every read (jsonb → text), charging the denormalized read for work the design exists to avoid. The price is
-- paid on writes instead: appending a comment parses the payload as jsonb and serializes it back (key order and
-- spacing then follow jsonb's output; the content is unchanged, and payloads are compared canonically).

CREATE TABLE post_detail_view (
  post_id integer PRIMARY KEY REFERENCES posts (id),
  payload json    NOT NULL
);

-- Rebuilds every row from the normalized tables (seeding calls it after the COPY). The expression is pg-join's
-- (scenarios/post-detail/postgres/pg-join.ts) for all posts at once; verification proves the two agree.
CREATE OR REPLACE FUNCTION accessbench_refresh_post_detail_view() RETURNS void
LANGUAGE sql AS $$
  TRUNCATE post_detail_view;
  INSERT INTO post_detail_view (post_id, payload)
  SELECT p.id, json_build_object(
    'id', p.id, 'title', p.title, 'body', p.body,
    'createdAt', to_char(p.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    'author', json_build_object('id', u.id, 'username', u.username, 'displayName', u.display_name),
    'tags', coalesce((SELECT json_agg(t.name ORDER BY t.name COLLATE "C")
                      FROM post_tags pt JOIN tags t ON t.id = pt.tag_id WHERE pt.post_id = p.id), '[]'),
    'comments', coalesce((SELECT json_agg(json_build_object('id', c.id, 'body', c.body,
                                   'createdAt', to_char(c.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                                   'author', json_build_object('id', cu.id, 'username', cu.username, 'displayName', cu.display_name))
                                 ORDER BY c.created_at, c.id)
                          FROM comments c JOIN users cu ON cu.id = c.author_id WHERE c.post_id = p.id), '[]')
  )
  FROM posts p JOIN users u ON u.id = p.author_id;
$$;
