// The inputs of every micro-benchmark, derived from the deterministic dataset (tiny preset, seed 42) — the same rows
// the integration tests seed into PostgreSQL and MongoDB — so each benchmark works on data a reader can regenerate.
// Payloads follow the scenarios' contracts; micro.test.ts checks them against the pg-join reference on a real database.
import { isoMs } from '../core/params.ts';
import { generateDataset, PRESETS, type Dataset } from '../../datasets/index.ts';
import type { CommentRow, PostRow, UserRow } from '../../datasets/generator.ts';
import type { EmbeddedComment, FeedItemDoc, PostDetailDoc, UserSnapshot } from '../../datasets/mongo/models.ts';
import type { PostDetail, UserRef } from '../../scenarios/post-detail/contract.ts';
import { PAGE_SIZE, type FeedPage } from '../../scenarios/feed/contract.ts';
import { LATEST_POSTS, TOP_TAGS, type UserSummary } from '../../scenarios/user-summary/contract.ts';

export const MICRO_PRESET = 'tiny';
export const MICRO_SEED = 42;

const fanoutPost = (comments: number): number => {
  const i = (PRESETS[MICRO_PRESET].fanout as readonly number[]).indexOf(comments);
  if (i < 0) throw new Error(`the ${MICRO_PRESET} preset has no fan-out post with ${comments} comments`);
  return i + 1; // fan-out posts are ids 1..n, in preset order
};
/** The posts with exactly 10 and 100 comments (ids fixed by the preset's fan-out list). */
export const POST_10 = fanoutPost(10);
export const POST_100 = fanoutPost(100);
export const FIXTURE_POSTS = [POST_10, POST_100] as const;
export const FEED_PAGE = 1;
/** User 1 wrote the most posts (authorship is Zipf over ids): the summary with the most rows behind it. */
export const SUMMARY_USER = 1;

/** The dataset with the lookups the builders need, built once per process. */
export interface Indexed {
  ds: Dataset;
  users: Map<number, UserRow>;
  posts: Map<number, PostRow>;
  tagNames: Map<number, string>;
  commentsByPost: Map<number, CommentRow[]>;
  tagIdsByPost: Map<number, number[]>;
}

let cached: Indexed | undefined;
export function indexed(): Indexed {
  if (cached) return cached;
  const ds = generateDataset(MICRO_PRESET, MICRO_SEED);
  const group = <T>(rows: T[], key: (r: T) => number): Map<number, T[]> => {
    const m = new Map<number, T[]>();
    for (const r of rows) {
      const k = key(r);
      const list = m.get(k);
      if (list) list.push(r);
      else m.set(k, [r]);
    }
    return m;
  };
  const tagLinks = group(ds.postTags, (pt) => pt.postId);
  cached = {
    ds,
    users: new Map(ds.users.map((u) => [u.id, u])),
    posts: new Map(ds.posts.map((p) => [p.id, p])),
    tagNames: new Map(ds.tags.map((t) => [t.id, t.name])),
    commentsByPost: group(ds.comments, (c) => c.postId),
    tagIdsByPost: new Map([...tagLinks].map(([id, links]) => [id, links.map((l) => l.tagId)])),
  };
  return cached;
}

function need<T>(v: T | undefined, what: string): T {
  if (v === undefined) throw new Error(`micro inputs: ${what} is not in the dataset`);
  return v;
}

const byDisplayOrder = (a: { createdAt: number; id: number }, b: { createdAt: number; id: number }): number =>
  a.createdAt - b.createdAt || a.id - b.id;
const byteOrder = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function userRef(ix: Indexed, id: number): UserRef {
  const u = need(ix.users.get(id), `user ${id}`);
  return { id: u.id, username: u.username, displayName: u.displayName };
}

const tagsOf = (ix: Indexed, postId: number): string[] =>
  (ix.tagIdsByPost.get(postId) ?? []).map((t) => need(ix.tagNames.get(t), `tag ${t}`)).sort(byteOrder);
const commentsOf = (ix: Indexed, postId: number): CommentRow[] => [...(ix.commentsByPost.get(postId) ?? [])].sort(byDisplayOrder);

/** The post-detail payload, keys in the order pg-join's json_build_object writes them. */
export function postDetailPayload(ix: Indexed, id: number): PostDetail {
  const p = need(ix.posts.get(id), `post ${id}`);
  return {
    id: p.id,
    title: p.title,
    body: p.body,
    createdAt: isoMs(p.createdAt),
    author: userRef(ix, p.authorId),
    tags: tagsOf(ix, id),
    comments: commentsOf(ix, id).map((c) => ({ id: c.id, body: c.body, createdAt: isoMs(c.createdAt), author: userRef(ix, c.authorId) })),
  };
}

const latestFirst = (ix: Indexed): PostRow[] => [...ix.ds.posts].sort((a, b) => -byDisplayOrder(a, b));

export function feedPayload(ix: Indexed, page: number): FeedPage {
  const rows = latestFirst(ix).slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  return {
    page,
    posts: rows.map((p) => ({
      id: p.id,
      title: p.title,
      createdAt: isoMs(p.createdAt),
      author: userRef(ix, p.authorId),
      commentCount: ix.commentsByPost.get(p.id)?.length ?? 0,
      tags: tagsOf(ix, p.id),
    })),
  };
}

export function userSummaryPayload(ix: Indexed, userId: number): UserSummary {
  const u = need(ix.users.get(userId), `user ${userId}`);
  const mine = latestFirst(ix).filter((p) => p.authorId === userId);
  const tagCounts = new Map<string, number>();
  for (const p of mine) for (const t of tagsOf(ix, p.id)) tagCounts.set(t, (tagCounts.get(t) ?? 0) + 1);
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    postCount: mine.length,
    commentsReceived: mine.reduce((n, p) => n + (ix.commentsByPost.get(p.id)?.length ?? 0), 0),
    topTags: [...tagCounts]
      .sort(([a, x], [b, y]) => y - x || byteOrder(a, b))
      .slice(0, TOP_TAGS)
      .map(([name, count]) => ({ name, count })),
    latestPosts: mine.slice(0, LATEST_POSTS).map((p) => ({ id: p.id, title: p.title, createdAt: isoMs(p.createdAt) })),
  };
}

// --- Rows as pg returns them: snake_case keys, timestamptz parsed to Date by pg's type parsers. One array per
// query, the same levels prisma-include fetches (post, author, comments, comment authors, tags), so the hand mapping
// and Prisma's mapping start from the same data.
export interface PgUserRefRow {
  id: number;
  username: string;
  display_name: string;
}
export interface PgPostDetailRows {
  post: { id: number; author_id: number; title: string; body: string; created_at: Date };
  author: PgUserRefRow;
  comments: Array<{ id: number; post_id: number; author_id: number; body: string; created_at: Date }>;
  commenters: PgUserRefRow[];
  tags: Array<{ name: string }>;
}

const pgUser = (ix: Indexed, id: number): PgUserRefRow => {
  const u = userRef(ix, id);
  return { id: u.id, username: u.username, display_name: u.displayName };
};

export function pgPostDetailRows(ix: Indexed, id: number): PgPostDetailRows {
  const p = need(ix.posts.get(id), `post ${id}`);
  const comments = commentsOf(ix, id);
  return {
    post: { id: p.id, author_id: p.authorId, title: p.title, body: p.body, created_at: new Date(p.createdAt) },
    author: pgUser(ix, p.authorId),
    comments: comments.map((c) => ({
      id: c.id,
      post_id: c.postId,
      author_id: c.authorId,
      body: c.body,
      created_at: new Date(c.createdAt),
    })),
    // WHERE id = ANY($1) over the distinct commenters: no duplicates, in no particular order (here: by id).
    commenters: [...new Set(comments.map((c) => c.authorId))].sort((a, b) => a - b).map((u) => pgUser(ix, u)),
    tags: tagsOf(ix, id).map((name) => ({ name })),
  };
}

// --- Documents as the MongoDB driver returns them (BSON decoded: plain objects, Date values), before Mongoose.
const snapshot = (ix: Indexed, id: number): UserSnapshot => userRef(ix, id);

/** A post_details document with mongoose-embedded's projection (the ordering bookkeeping left out). */
export function postDetailDoc(ix: Indexed, id: number): Omit<PostDetailDoc, 'lastCommentAt' | 'lastCommentId'> {
  const p = need(ix.posts.get(id), `post ${id}`);
  const comments: EmbeddedComment[] = commentsOf(ix, id).map((c) => ({
    id: c.id,
    body: c.body,
    createdAt: new Date(c.createdAt),
    author: snapshot(ix, c.authorId),
  }));
  return {
    _id: p.id,
    title: p.title,
    body: p.body,
    createdAt: new Date(p.createdAt),
    author: snapshot(ix, p.authorId),
    tags: tagsOf(ix, id),
    comments,
  };
}

/** A feed page of feed_items documents, as mongoose-embedded's find returns them before lean/hydration. */
export function feedItemDocs(ix: Indexed, page: number): FeedItemDoc[] {
  return feedPayload(ix, page).posts.map((f) => ({
    _id: f.id,
    createdAt: new Date(f.createdAt),
    title: f.title,
    author: f.author,
    commentCount: f.commentCount,
    tags: f.tags,
  }));
}
