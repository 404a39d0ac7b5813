// mongoose-lean — the populate queries of mongoose-populate with `.lean()` and projections: each query fetches only
// the fields a feed item shows and Mongoose returns plain objects, no hydration. The same round trips (and the same
// comment-id traffic for the counts); less CPU and memory per request. What a team does once profiling shows
// hydration on a hot read path; it costs the document API on what it returns.
import { isoMs } from '../../../src/core/params.ts';
import { defineStrategy } from '../../../src/core/scenario.ts';
import { models, type PostDoc, type TagDoc, type UserDoc } from '../../../datasets/mongo/models.ts';
import { ONE_BATCH, present, userRef } from '../../shared/mongo-payload.ts';
import { mongoAddComment } from '../../shared/mongo-comment-write.ts';
import { commentedPost, offsetOf, PAGE_SIZE, type FeedPage, type NewComment, type Params } from '../contract.ts';
import { populateQueries } from './mongoose-populate.ts';

interface LeanPost extends Pick<PostDoc, '_id' | 'title' | 'createdAt' | 'authorId'> {
  author: Pick<UserDoc, '_id' | 'username' | 'displayName'> | null;
  tags: Array<Pick<TagDoc, '_id' | 'name'>>;
  commentCount: number;
}

export default defineStrategy<Params, NewComment, FeedPage>({
  name: 'mongoose-lean',
  technique: 'lean',
  client: 'mongoose',
  needs: ['mongo'],
  expectQueries: populateQueries,
  parity: { lean: true },
  read: async ({ page }, { mongo }) => {
    const { Post } = models(mongo);
    // tagIds must be selected: populate reads the local ids from the posts it fetched.
    const posts = await Post.find({}, 'title createdAt authorId tagIds')
      .sort({ createdAt: -1, _id: -1 })
      .skip(offsetOf(page))
      .limit(PAGE_SIZE)
      .populate([
        { path: 'author', select: 'username displayName', options: { batchSize: ONE_BATCH } },
        { path: 'tags', select: 'name', options: { batchSize: ONE_BATCH } },
        { path: 'commentCount', options: { batchSize: ONE_BATCH } },
      ])
      .lean<LeanPost[]>();
    return {
      page,
      posts: posts.map((p) => ({
        id: p._id,
        title: p.title,
        createdAt: isoMs(p.createdAt),
        author: userRef(present(p.author, `user ${p.authorId}`)),
        commentCount: p.commentCount,
        tags: p.tags.map((t) => t.name).sort(),
      })),
    };
  },
  write: (params, comment, { mongo }) => mongoAddComment(mongo, commentedPost(params), comment),
});
