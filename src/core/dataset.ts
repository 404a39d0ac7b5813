// What scenarios know of the seeded data when they generate request params and verification samples.
import { createRng, createZipf, type Rng } from './rng.ts';

export interface DatasetCounts {
  users: number;
  posts: number;
  comments: number;
  tags: number;
  postTags: number;
}

export interface DatasetInfo {
  preset: string;
  seed: number;
  counts: DatasetCounts;
  /** A post id, Zipf-distributed over a fixed shuffle of ids: a few hot posts, a long tail. */
  pickPost: (rng: Rng) => number;
  /** A user id, Zipf-distributed by rank = id, as authorship is: the users read most are the prolific authors. */
  pickUser: (rng: Rng) => number;
  /** Post ids with exactly the given number of comments (the fan-out curve). */
  fanoutPosts: Record<number, number>;
  /** A post with no comments and no tags. */
  edgePost: number;
  /** A user who wrote no post, if any; else undefined. */
  idleUser: number | undefined;
}

export interface DatasetShape {
  preset: string;
  seed: number;
  counts: DatasetCounts;
  fanout: readonly number[];
  idleUser: number | undefined;
}

/** Fisher–Yates with a seeded stream: the hot set is spread over ids, not the oldest posts. */
function shuffledIds(n: number, rng: Rng): Int32Array {
  const ids = new Int32Array(n);
  for (let i = 0; i < n; i++) ids[i] = i + 1;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    const t = ids[i] as number;
    ids[i] = ids[j] as number;
    ids[j] = t;
  }
  return ids;
}

export function datasetInfo(shape: DatasetShape): DatasetInfo {
  const access = createRng(shape.seed ^ 0x5eed);
  const postOrder = shuffledIds(shape.counts.posts, access);
  const postRank = createZipf(shape.counts.posts, 1.0);
  const userRank = createZipf(shape.counts.users, 1.0);
  const fanoutPosts: Record<number, number> = {};
  shape.fanout.forEach((n, i) => (fanoutPosts[n] = i + 1));
  return {
    preset: shape.preset,
    seed: shape.seed,
    counts: shape.counts,
    pickPost: (rng) => postOrder[postRank(rng) - 1] as number,
    pickUser: (rng) => userRank(rng),
    fanoutPosts,
    edgePost: shape.fanout.length + 1,
    idleUser: shape.idleUser,
  };
}
