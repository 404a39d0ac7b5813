// What mongoose-skip and mongoose-range share apart from how they find the page: feed's mongoose-lean read (lean
// documents, projections, one populate query per relation for the whole page) in feed order, over the
// { createdAt: -1, _id: -1 } index, and the mapping to feed items.
import type { Connection, QueryFilter } from 'mongoose';
import { isoMs } from '../../../src/core/params.ts';
import { models, type PostDoc, type TagDoc, type UserDoc } from '../../../datasets/mongo/models.ts';
import { ONE_BATCH, present, userRef } from '../../shared/mongo-payload.ts';
import { FETCH, type FeedItem } from '../contract.ts';

interface LeanPost extends Pick<PostDoc, '_id' | 'title' | 'createdAt' | 'authorId'> {
  author: Pick<UserDoc, '_id' | 'username' | 'displayName'> | null;
  tags: Array<Pick<TagDoc, '_id' | 'name'>>;
  commentCount: number;
}

/** Commands: the posts; then authors and counts when any were fetched, tags when any fetched post has tags. */
export const mongoQueries = (f: Record<string, number>): number => (f.fetched ? 3 + (f.fetchedTags ? 1 : 0) : 1);

/** FETCH posts in feed order matching `filter`, after skipping `skip`, with their relations; as feed items. */
export async function mongoPage(mongo: Connection, filter: QueryFilter<PostDoc>, skip: number): Promise<FeedItem[]> {
  const { Post } = models(mongo);
  // tagIds must be selected: populate reads the local ids from the posts it fetched.
  let q = Post.find(filter, 'title createdAt authorId tagIds').sort({ createdAt: -1, _id: -1 });
  if (skip > 0) q = q.skip(skip);
  const posts = await q
    .limit(FETCH)
    .populate([
      { path: 'author', select: 'username displayName', options: { batchSize: ONE_BATCH } },
      { path: 'tags', select: 'name', options: { batchSize: ONE_BATCH } },
      { path: 'commentCount', options: { batchSize: ONE_BATCH } },
    ])
    .lean<LeanPost[]>();
  return posts.map((p) => ({
    id: p._id,
    title: p.title,
    createdAt: isoMs(p.createdAt),
    author: userRef(present(p.author, `user ${p.authorId}`)),
    commentCount: p.commentCount,
    tags: p.tags.map((t) => t.name).sort(),
  }));
}
