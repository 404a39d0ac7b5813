// bulk-write — POST /posts/:id/comments/bulk: 100 comments added to a post in one request (an import, a sync from
// an offline client, a moderation tool restoring a thread). A write-only load: every timed request is a bulk write,
// each strategy into its own copy of the seeded data (src/runner/isolate.ts). The read, GET /posts/:id/comments,
// exists for verification: after one bulk write through the strategy, the post's comments read back through the
// strategy's own client must equal the reference's with the 100 comments appended.
// Each comment carries its own time (the client's, as an import does), so every store holds exactly the same rows:
// post, author, body and created_at are compared; comment ids are not part of the payload (each store assigns its
// own, and MongoDB's come from a counter of its own). The bodies hold a tab, a newline, a backslash and quotes, so a
// COPY that escapes them wrongly fails verification.
import { defineContract, type WriteSpec } from '../../src/core/scenario.ts';
import { BadRequest } from '../../src/core/errors.ts';
import { isoMs, positiveInt } from '../../src/core/params.ts';

/** Comments per request in the load and in verification. */
export const BULK_SIZE = 100;
/** Comments one request may add: more is a 400. */
export const MAX_BULK = 1000;
const MAX_BODY_CHARS = 2000;
/**
 * Bulk comments are dated from here on: after every seeded comment of every preset (the large one's end in the
 * 2040s), so they list after the post's existing comments, in the order sent.
 */
const BULK_EPOCH = Date.UTC(2100, 0, 1);

export interface Params {
  id: number;
}

export interface BulkComment {
  authorId: number;
  body: string;
  /** ISO-8601 UTC with milliseconds, e.g. 2100-01-01T00:00:00.000Z. */
  createdAt: string;
}

export interface BulkBody {
  comments: BulkComment[];
}

/** The write's reply (201). */
export interface BulkCreated {
  postId: number;
  inserted: number;
}

/** GET /posts/:id/comments: the post's comments in (createdAt, id) order. */
export interface PostComments {
  postId: number;
  comments: BulkComment[];
}

const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

function parseComment(raw: unknown, i: number): BulkComment {
  const c = raw as Partial<BulkComment> | null;
  const at = `comments[${i}]`;
  if (!c || typeof c !== 'object' || Array.isArray(c)) throw new BadRequest(`${at} must be an object {authorId, body, createdAt}`);
  if (typeof c.authorId !== 'number' || !Number.isInteger(c.authorId) || c.authorId < 1 || c.authorId > 2_147_483_647) {
    throw new BadRequest(`${at}.authorId must be a positive integer`);
  }
  if (typeof c.body !== 'string' || c.body.length === 0 || c.body.length > MAX_BODY_CHARS) {
    throw new BadRequest(`${at}.body must be 1–${MAX_BODY_CHARS} characters`);
  }
  // NUL cannot be stored in a PostgreSQL text column: a 400 here, not a 500 from the database.
  if (c.body.includes('\u0000')) throw new BadRequest(`${at}.body must not contain NUL characters`);
  const t = typeof c.createdAt === 'string' && ISO_MS.test(c.createdAt) ? Date.parse(c.createdAt) : Number.NaN;
  if (!Number.isFinite(t) || isoMs(t) !== c.createdAt || t < 0) {
    throw new BadRequest(`${at}.createdAt must be an ISO-8601 UTC time with milliseconds, e.g. 2100-01-01T00:00:00.000Z`);
  }
  return { authorId: c.authorId, body: c.body, createdAt: c.createdAt };
}

export function parseBulkBody(raw: unknown): BulkBody {
  const b = raw as { comments?: unknown } | null;
  if (!b || typeof b !== 'object' || Array.isArray(b)) throw new BadRequest('body must be an object {comments: [...]}');
  if (!Array.isArray(b.comments) || b.comments.length < 1 || b.comments.length > MAX_BULK) {
    throw new BadRequest(`comments must be an array of 1–${MAX_BULK} comments`);
  }
  return { comments: b.comments.map(parseComment) };
}

const WORDS = ['index', 'commit', 'batch', 'round', 'trip', 'row', 'page', 'WAL', 'fsync', 'lock', 'queue', 'replica'];

export const bulkWrite: WriteSpec<BulkBody> = {
  route: { method: 'POST', path: '/posts/:id/comments/bulk' },
  // Uniform over all posts, as the mixed load's writes are: no post's index entries grow with one strategy's speed.
  target: (rng, ds) => ({ id: String(rng.int(1, ds.counts.posts)) }),
  body: (rng, ds) => {
    const start = BULK_EPOCH + rng.int(0, 365 * 86_400) * 1000;
    return {
      comments: Array.from({ length: BULK_SIZE }, (_, i) => ({
        authorId: ds.pickUser(rng),
        body: `Imported comment ${i + 1}: ${Array.from({ length: rng.int(4, 30) }, () => rng.pick(WORDS)).join(' ')}.`,
        createdAt: isoMs(start + i),
      })),
    };
  },
  // 1 000 comments of 2 000 characters, as JSON (up to 6 bytes a character when escaped), fit with room to spare.
  maxBodyBytes: 16 * 1024 * 1024,
  parseBody: parseBulkBody,
  affects: (params) => ({ id: params.id as string }),
  verify: {
    body: () => ({
      comments: Array.from({ length: BULK_SIZE }, (_, i) => ({
        authorId: (i % 7) + 1,
        body: `Verified comment ${i + 1}\twith a tab, a "quote", a back\\slash, 'single' quotes,\na newline and ünïcødé ✓`,
        createdAt: isoMs(BULK_EPOCH + i * 1000),
      })),
    }),
    after: (before, _created, body) => {
      const p = before as PostComments;
      return { postId: p.postId, comments: [...p.comments, ...body.comments] };
    },
    facts: (body) => ({ rows: body.comments.length }),
  },
};

export const contract = defineContract<Params, BulkBody>({
  name: 'bulk-write',
  summary: `${BULK_SIZE} comments added to a post in one request: row-at-a-time, multi-row, unnest, COPY, createMany, insertMany`,
  route: { method: 'GET', path: '/posts/:id/comments' },
  params: (rng, ds) => ({ id: String(ds.pickPost(rng)) }),
  parse: (raw) => ({ id: positiveInt(raw.id, 'id') }),
  facts: async ({ id }, ctx) => {
    const r = await ctx.pg.query<{ exists: number; comments: number }>(
      `SELECT (SELECT count(*) FROM posts WHERE id = $1)::int AS exists, (SELECT count(*) FROM comments WHERE post_id = $1)::int AS comments`,
      [id],
    );
    const row = r.rows[0] ?? { exists: 0, comments: 0 };
    return { exists: row.exists, comments: row.comments };
  },
  reference: 'pg-unnest',
  writes: bulkWrite,
  // Every request writes. The read serves verification only.
  mix: { writeRatio: 1 },
  sample: (ds, n, rng) => {
    const ids = new Set<number>([ds.edgePost, ...Object.values(ds.fanoutPosts).slice(0, 2)]);
    while (ids.size < n) ids.add(rng.int(1, ds.counts.posts));
    return [...ids].map((id) => ({ id: String(id) }));
  },
});
