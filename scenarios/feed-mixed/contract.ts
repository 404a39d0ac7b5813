// feed-mixed — feed's pages read in a closed loop while comments arrive at a fixed rate beside them
// (src/load/writer.ts): a new comment changes its post's comment count, which one feed page shows. What it exposes:
// what the feed's read model (pg-denormalized: a second row updated per comment, under the row lock of a hot post)
// and its caches (a lookup of the post's page and an invalidation per comment, then a miss on the next read of that
// page) pay on every write, and how stale the pages they serve are. Writes are uniform over all posts here;
// feed-mixed-hot sends them where the reads go. Its contract is feed's with this write; index.ts picks the strategies.
import type { DatasetInfo } from '../../src/core/dataset.ts';
import type { Rng } from '../../src/core/rng.ts';
import { defineContract, type RawParams, type WriteSpec } from '../../src/core/scenario.ts';
import { contract as feed, PAGE_SIZE, type FeedPage, type NewComment, type Params } from '../feed/contract.ts';
import { addComment, type CreatedComment } from '../post-detail/contract.ts';

export type { NewComment, Params };

/** Comments per second beside the reads: the same count in every trial of every strategy. */
export const WRITE_RATE = 100;

/**
 * The page showing a post. Posts are created in id order (the generator's createdAt grows with the id, and this
 * benchmark inserts no post), so the feed, newest first, is the ids in descending order.
 */
export const pageOfPost = (ds: DatasetInfo, id: number): number => Math.floor((ds.counts.posts - id) / PAGE_SIZE) + 1;

/** A post on the page, uniformly among its posts. */
function postOnPage(ds: DatasetInfo, page: number, rng: Rng): number {
  const newest = ds.counts.posts - (page - 1) * PAGE_SIZE;
  return newest - rng.int(0, Math.min(PAGE_SIZE, newest) - 1);
}

const target = (id: number, ds: DatasetInfo): RawParams => ({ id: String(id), page: String(pageOfPost(ds, id)) });

/**
 * The write carries the post (the route's :id) and, as a query parameter the write ignores, the page that shows it,
 * so the stale-read probe reads that page and finds the post's count there.
 */
export const commentOnFeed: WriteSpec<NewComment> = {
  ...addComment,
  target: (rng, ds) => target(rng.int(1, ds.counts.posts), ds),
  // The same Zipf over the same pages as the reads, then a post of that page.
  hot: (rng, ds) => target(postOnPage(ds, Number(feed.params(rng, ds).page), rng), ds),
  affects: (params) => ({ page: params.page as string }),
  freshness: {
    primary: (params, ctx) => {
      if (!addComment.freshness) throw new Error("post-detail's add-comment write lost its freshness check");
      return addComment.freshness.primary(params, ctx);
    },
    observed: (payload, params) => {
      const item = (payload as FeedPage).posts.find((p) => p.id === Number(params.id));
      if (!item) throw new Error(`post ${params.id} is not on page ${params.page}`);
      return item.commentCount;
    },
  },
  // The page's first post, commented on by its own author; the page shows one more comment on it.
  verify: {
    params: (read, before) => {
      const first = (before as FeedPage).posts[0];
      return first ? { id: String(first.id), page: read.page ?? '1' } : null;
    },
    body: (before) => ({ authorId: (before as FeedPage).posts[0]?.author.id ?? 1, body: 'A comment written by verification' }),
    after: (before, created) => {
      const p = before as FeedPage;
      const postId = (created as CreatedComment).postId;
      return { ...p, posts: p.posts.map((i) => (i.id === postId ? { ...i, commentCount: i.commentCount + 1 } : i)) };
    },
  },
};

export const contract = defineContract<Params, NewComment>({
  ...feed,
  name: 'feed-mixed',
  summary: `feed pages read while ${WRITE_RATE} comments/s arrive uniformly over all posts: what caches and the read model pay per write`,
  writes: commentOnFeed,
  mix: { writeRatio: 0.1, writeRate: WRITE_RATE, writeTarget: 'uniform' },
});
