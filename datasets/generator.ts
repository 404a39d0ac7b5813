// The deterministic dataset generator: the same preset and seed give byte-identical rows on every machine, so that
// PostgreSQL and MongoDB hold the same data and a result can be reproduced anywhere.
// Fan-out is skewed (a few posts have hundreds of comments) and authorship is Zipf-distributed, as in production.
import { createRng, createZipf, type Rng } from '../src/core/rng.ts';
import { PRESETS, type Preset, type PresetName } from './presets.ts';

export interface UserRow {
  id: number;
  username: string;
  displayName: string;
  email: string;
  bio: string;
  createdAt: number;
}
export interface TagRow {
  id: number;
  name: string;
}
export interface PostRow {
  id: number;
  authorId: number;
  title: string;
  body: string;
  createdAt: number;
}
export interface CommentRow {
  id: number;
  postId: number;
  authorId: number;
  body: string;
  createdAt: number;
}
export interface PostTagRow {
  postId: number;
  tagId: number;
}

export interface Dataset {
  preset: PresetName;
  seed: number;
  users: UserRow[];
  tags: TagRow[];
  posts: PostRow[];
  comments: CommentRow[];
  postTags: PostTagRow[];
}

const BASE_TIME = Date.UTC(2024, 0, 1);

const WORDS = (
  'query index join table row column cache replica latency throughput schema migration cursor page batch ' +
  'eager lazy load fetch select insert update delete commit rollback lock vacuum plan scan seek hash merge ' +
  'nested loop buffer pool connection driver socket packet request response payload header body server client ' +
  'worker thread event loop promise stream pipe queue retry timeout backoff shard partition tenant region node ' +
  'cluster leader follower quorum snapshot checkpoint journal durable atomic isolation serializable read write ' +
  'model relation field record document collection aggregate pipeline stage filter project sort limit offset ' +
  'counter gauge histogram percentile median tail outlier noise signal trial warmup baseline regression'
).split(' ');

const TAG_NAMES = (
  'postgres node typescript performance orm sql mongodb redis caching replication indexing scaling ' +
  'benchmarks api rest graphql testing devops security observability databases backend architecture ' +
  'concurrency queues streaming migrations prisma mongoose django fastapi kubernetes docker linux networking ' +
  'profiling memory latency throughput design patterns refactoring monitoring logging tracing serverless edge ' +
  'analytics search storage backup recovery sharding partitioning pooling transactions locking consistency'
).split(' ');

const FIRST = 'ada alan barbara claude donald edsger frances grace john ken leslie linus margaret niklaus radia tim'.split(' ');
const LAST =
  'lovelace turing liskov shannon knuth dijkstra allen hopper backus thompson lamport torvalds hamilton wirth perlman berners'.split(' ');

function sentence(rng: Rng, min: number, max: number): string {
  const n = rng.int(min, max);
  const words: string[] = [];
  for (let i = 0; i < n; i++) words.push(rng.pick(WORDS));
  const s = words.join(' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function paragraph(rng: Rng, sentences: number): string {
  const out: string[] = [];
  for (let i = 0; i < sentences; i++) out.push(sentence(rng, 6, 16) + '.');
  return out.join(' ');
}

/** Ordinary posts get a few comments; about 3 % get dozens and 0.3 % get hundreds (the hot threads). */
function commentCount(rng: Rng, mean: number): number {
  const u = rng.next();
  if (u < 0.003) return rng.int(150, 400);
  if (u < 0.033) return rng.int(20, 80);
  return rng.int(0, Math.max(1, Math.round(mean * 1.2)));
}

/** Each table draws from its own stream, so adding a column to one table never changes another table's rows. */
function streamFor(seed: number, table: string): Rng {
  let h = seed >>> 0;
  for (let i = 0; i < table.length; i++) h = Math.imul(h ^ table.charCodeAt(i), 0x01000193) >>> 0;
  return createRng(h);
}

/** Users in id order. The generate* functions stream the rows generateDataset returns, so seeding need not hold them. */
export function* generateUsers(presetName: PresetName, seed: number): Generator<UserRow> {
  const preset: Preset = PRESETS[presetName];
  const ur = streamFor(seed, 'users');
  for (let id = 1; id <= preset.users; id++) {
    const first = ur.pick(FIRST);
    const last = ur.pick(LAST);
    yield {
      id,
      username: `${first}_${last}_${id}`,
      displayName: `${first.charAt(0).toUpperCase()}${first.slice(1)} ${last.charAt(0).toUpperCase()}${last.slice(1)}`,
      email: `${first}.${last}.${id}@example.com`,
      bio: paragraph(ur, ur.int(1, 3)),
      createdAt: BASE_TIME - (preset.users - id) * 3_600_000 - ur.int(0, 3_599_999),
    };
  }
}

export function generateTags(presetName: PresetName): TagRow[] {
  const tags: TagRow[] = [];
  for (let id = 1; id <= PRESETS[presetName].tags; id++) {
    const base = TAG_NAMES[(id - 1) % TAG_NAMES.length] as string;
    tags.push({ id, name: id <= TAG_NAMES.length ? base : `${base}-${Math.ceil(id / TAG_NAMES.length)}` });
  }
  return tags;
}

/** Posts in id order, each with its tags (ascending tag id): both come from the same random stream. */
export function* generatePosts(presetName: PresetName, seed: number): Generator<{ post: PostRow; tags: PostTagRow[] }> {
  const preset: Preset = PRESETS[presetName];
  const pr = streamFor(seed, 'posts');
  const authorRank = createZipf(preset.users, 1.07);
  const tagRank = createZipf(preset.tags, 1.0);
  const edgePost = preset.fanout.length + 1; // no comments and no tags: the edge case every strategy must handle
  for (let id = 1; id <= preset.posts; id++) {
    const post = {
      id,
      authorId: authorRank(pr),
      title: sentence(pr, 3, 9),
      body: paragraph(pr, pr.int(3, 10)),
      createdAt: BASE_TIME + id * 600_000 + pr.int(0, 599_999),
    };
    const tagCount = id === edgePost ? 0 : pr.int(0, 5);
    const chosen = new Set<number>();
    for (let i = 0; i < tagCount; i++) chosen.add(tagRank(pr));
    yield { post, tags: [...chosen].sort((a, b) => a - b).map((tagId) => ({ postId: id, tagId })) };
  }
}

/** Comments in id order; a comment's time follows its post's, so the posts' createdAt (index id - 1) is an input. */
export function* generateComments(presetName: PresetName, seed: number, postCreatedAt: ArrayLike<number>): Generator<CommentRow> {
  const preset: Preset = PRESETS[presetName];
  const edgePost = preset.fanout.length + 1;
  const cr = streamFor(seed, 'comments');
  let commentId = 0;
  for (let postId = 1; postId <= preset.posts; postId++) {
    const forced = preset.fanout[postId - 1];
    const n = forced ?? (postId === edgePost ? 0 : commentCount(cr, preset.meanComments));
    let t = postCreatedAt[postId - 1] as number;
    for (let i = 0; i < n; i++) {
      // Some comments share a timestamp, so the (created_at, id) order is really exercised.
      t += cr.next() < 0.05 ? 0 : cr.int(1_000, 3_600_000);
      yield { id: ++commentId, postId, authorId: cr.int(1, preset.users), body: sentence(cr, 4, 40), createdAt: t };
    }
  }
}

export function generateDataset(presetName: PresetName, seed: number): Dataset {
  const users = [...generateUsers(presetName, seed)];
  const tags = generateTags(presetName);
  const posts: PostRow[] = [];
  const postTags: PostTagRow[] = [];
  for (const p of generatePosts(presetName, seed)) {
    posts.push(p.post);
    postTags.push(...p.tags);
  }
  const comments = [
    ...generateComments(
      presetName,
      seed,
      Float64Array.from(posts, (p) => p.createdAt),
    ),
  ];
  return { preset: presetName, seed, users, tags, posts, comments, postTags };
}
