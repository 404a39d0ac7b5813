// mongoose-lean — the user, then their posts with one populate per relation for all of them (tags by `$in`, comment
// counts through the `count: true` virtual), lean and projected to the fields the summary needs, then the same JS
// aggregation as mongoose-naive. The usual fix for N+1 in Mongoose code: a constant handful of round trips, but
// every post of the user — and the postId of every comment on them, since Mongoose counts populated matches in
// Node — still crosses the wire just to be counted.
import { defineStrategy } from '../../../src/core/scenario.ts';
import { models, type PostDoc, type TagDoc } from '../../../datasets/mongo/models.ts';
import { ONE_BATCH } from '../../shared/mongo-payload.ts';
import type { Params, UserSummary } from '../contract.ts';
import { summarizeInJs } from '../lib/summarize.ts';

interface LeanPost extends Pick<PostDoc, '_id' | 'title' | 'createdAt'> {
  tags: Array<Pick<TagDoc, '_id' | 'name'>>;
  commentCount: number;
}

export default defineStrategy<Params, never, UserSummary>({
  name: 'mongoose-lean',
  technique: 'lean',
  client: 'mongoose',
  needs: ['mongo'],
  // user, posts; then comment counts when there are posts and tags when any post has some (Mongoose sends no query
  // for an empty id list); 1 for an unknown user.
  expectQueries: (f) => (f.exists ? 2 + (f.posts ? 1 : 0) + (f.tags ? 1 : 0) : 1),
  parity: { lean: true },
  read: async ({ id }, { mongo }) => {
    const { User, Post } = models(mongo);
    const user = await User.findById(id, 'username displayName').lean();
    if (!user) return null;
    // tagIds must be selected: populate reads the local ids from the posts it fetched.
    const posts = await Post.find({ authorId: id }, 'title createdAt tagIds')
      .batchSize(ONE_BATCH)
      .populate([
        { path: 'tags', select: 'name', options: { batchSize: ONE_BATCH } },
        { path: 'commentCount', options: { batchSize: ONE_BATCH } },
      ])
      .lean<LeanPost[]>();
    return summarizeInJs(
      { id: user._id, username: user.username, displayName: user.displayName },
      posts.map((p) => ({ id: p._id, title: p.title, createdAt: p.createdAt, comments: p.commentCount, tags: p.tags.map((t) => t.name) })),
    );
  },
});
