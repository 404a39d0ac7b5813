// hydration — what a Mongoose read costs in-process with and without `.lean()`. A query without lean turns each
// BSON-decoded object into a document (Model.hydrate: the same init a find runs per result), and payload code then
// reads it through getters; with lean the plain object is used as is. The documents are the read models the
// mongoose-embedded strategies read (post_details with 100 embedded comments, a page of 20 feed_items), shaped as
// the driver returns them, and the models are the project's own (datasets/mongo/models.ts), compiled on a Mongoose
// connection that never opens: hydration needs no server.
import mongoose from 'mongoose';
import { isoMs } from '../core/params.ts';
import { models, type FeedItemDoc, type Models, type PostDetailDoc, type UserSnapshot } from '../../datasets/mongo/models.ts';
import type { FeedItem } from '../../scenarios/feed/contract.ts';
import type { PostDetail, UserRef } from '../../scenarios/post-detail/contract.ts';
import type { MicroGroup } from './bench.ts';
import { FEED_PAGE, feedItemDocs, indexed, POST_100, postDetailDoc } from './inputs.ts';

/** The project's models on a fresh, never-connected Mongoose instance (so no global state is touched). */
export function offlineModels(): Models {
  return models(new mongoose.Mongoose().createConnection());
}

const ref = (a: UserSnapshot): UserRef => ({ id: a.id, username: a.username, displayName: a.displayName });

type PostDetailRead = Omit<PostDetailDoc, 'lastCommentAt' | 'lastCommentId'>;

/** Document → payload. The same code for a lean object and a hydrated document (there it goes through getters). */
export function postPayload(d: PostDetailRead): PostDetail {
  return {
    id: d._id,
    title: d.title,
    body: d.body,
    createdAt: isoMs(d.createdAt),
    author: ref(d.author),
    tags: [...d.tags],
    comments: d.comments.map((c) => ({ id: c.id, body: c.body, createdAt: isoMs(c.createdAt), author: ref(c.author) })),
  };
}

export function feedItemPayload(f: FeedItemDoc): FeedItem {
  return {
    id: f._id,
    title: f.title,
    createdAt: isoMs(f.createdAt),
    author: ref(f.author),
    commentCount: f.commentCount,
    tags: [...f.tags],
  };
}

export interface HydrationInputs {
  m: Models;
  post: PostDetailRead;
  feed: FeedItemDoc[];
}

export function hydrationInputs(): HydrationInputs {
  const ix = indexed();
  return { m: offlineModels(), post: postDetailDoc(ix, POST_100), feed: feedItemDocs(ix, FEED_PAGE) };
}

/** The paths this group times, by name, so the test can compare their outputs. */
export function hydrationPaths({ m, post, feed }: HydrationInputs) {
  return {
    hydratePost: () => m.PostDetail.hydrate(post),
    hydratePostToJson: () => m.PostDetail.hydrate(post).toJSON(),
    newPostToJson: () => new m.PostDetail(post).toJSON(),
    leanPostPayload: () => postPayload(post),
    hydratedPostPayload: () => postPayload(m.PostDetail.hydrate(post)),
    hydrateFeedToJson: () => feed.map((f) => m.FeedItem.hydrate(f).toJSON()),
    newFeedToJson: () => feed.map((f) => new m.FeedItem(f).toJSON()),
    leanFeedPayload: () => feed.map(feedItemPayload),
    hydratedFeedPayload: () => feed.map((f) => feedItemPayload(m.FeedItem.hydrate(f))),
  };
}

export function hydrationGroup(inputs: HydrationInputs = hydrationInputs()): MicroGroup {
  const p = hydrationPaths(inputs);
  return {
    group: 'hydration',
    benches: [
      { name: 'Model.hydrate post_details doc (100 comments)', fn: p.hydratePost },
      { name: 'Model.hydrate + toJSON (100 comments)', fn: p.hydratePostToJson },
      { name: 'new Model + toJSON (100 comments)', fn: p.newPostToJson },
      { name: 'lean object → post-detail payload (100 comments)', fn: p.leanPostPayload },
      { name: 'hydrated document → post-detail payload (100 comments)', fn: p.hydratedPostPayload },
      { name: 'Model.hydrate + toJSON ×20 feed_items', fn: p.hydrateFeedToJson },
      { name: 'new Model + toJSON ×20 feed_items', fn: p.newFeedToJson },
      { name: 'lean objects → feed payload (20 items)', fn: p.leanFeedPayload },
      { name: 'hydrated documents → feed payload (20 items)', fn: p.hydratedFeedPayload },
    ],
    check: async () => {
      const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);
      if (!same(p.leanPostPayload(), p.hydratedPostPayload()) || !same(p.leanFeedPayload(), p.hydratedFeedPayload())) {
        throw new Error('hydration: the lean and hydrated paths produce different payloads');
      }
    },
  };
}
