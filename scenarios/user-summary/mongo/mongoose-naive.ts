// mongoose-naive — aggregation the way it is first written with Mongoose: findById the user, find their posts, then
// for each post await countDocuments on its comments and find its tags by id, and sum it all in JS. 2 + 2·posts
// commands: a prolific author costs hundreds of round trips, and every post document is hydrated whole. It is
// what a team gets by default; it costs a round trip per post per relation. Like real naive code it sets no batchSize,
// so an author with more than 101 posts costs one more command: the server's first batch holds 101 documents and
// the driver fetches the rest with a getMore (up to 16 MiB of documents, far more than any author's posts here).
import { defineStrategy } from '../../../src/core/scenario.ts';
import { models } from '../../../datasets/mongo/models.ts';
import type { Params, UserSummary } from '../contract.ts';
import { summarizeInJs, type LoadedPost } from '../lib/summarize.ts';

/** The server's default first batch of a find without batchSize. */
export const FIRST_BATCH = 101;

export default defineStrategy<Params, never, UserSummary>({
  name: 'mongoose-naive',
  technique: 'naive',
  client: 'mongoose',
  needs: ['mongo'],
  // The tag query runs even for a post without tags (`$in: []`), as unguarded code does.
  expectQueries: (f) => (f.exists ? 2 + 2 * (f.posts ?? 0) + ((f.posts ?? 0) > FIRST_BATCH ? 1 : 0) : 1),
  parity: { lean: false },
  read: async ({ id }, { mongo }) => {
    const { User, Post, Comment, Tag } = models(mongo);
    const user = await User.findById(id);
    if (!user) return null;
    const posts = await Post.find({ authorId: id });
    const loaded: LoadedPost[] = [];
    for (const post of posts) {
      const comments = await Comment.countDocuments({ postId: post._id });
      const tags = await Tag.find({ _id: { $in: post.tagIds } });
      loaded.push({ id: post._id, title: post.title, createdAt: post.createdAt, comments, tags: tags.map((t) => t.name) });
    }
    return summarizeInJs({ id: user._id, username: user.username, displayName: user.displayName }, loaded);
  },
});
