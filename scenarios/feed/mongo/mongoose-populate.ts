// mongoose-populate — the page, then one populate query per relation for the whole page: authors and tags by `$in`
// over the ids collected from the 20 posts, and the comment counts through a `count: true` virtual. Mongoose has no
// grouped count: it fetches the postId of every comment on the page's posts and counts them in Node, so the bytes
// grow with the comments (a hot thread ships hundreds of ids for one number). Hydrated documents. The default fix
// for N+1 in Mongoose code; it costs a constant handful of round trips plus that counting traffic and hydration.
import type { HydratedDocument } from 'mongoose';
import { isoMs } from '../../../src/core/params.ts';
import { defineStrategy } from '../../../src/core/scenario.ts';
import { models, type TagDoc, type UserDoc } from '../../../datasets/mongo/models.ts';
import { ONE_BATCH, present, userRef } from '../../shared/mongo-payload.ts';
import { mongoAddComment } from '../../shared/mongo-comment-write.ts';
import { commentedPost, offsetOf, PAGE_SIZE, type FeedPage, type NewComment, type Params } from '../contract.ts';

/** Commands: the page; then authors and counts when it has posts, tags when any post on it has tags. */
export const populateQueries = (f: Record<string, number>): number => (f.posts ? 3 + (f.postTags ? 1 : 0) : 1);

interface Populated {
  author: HydratedDocument<UserDoc> | null;
  tags: Array<HydratedDocument<TagDoc>>;
  commentCount: number;
}

export default defineStrategy<Params, NewComment, FeedPage>({
  name: 'mongoose-populate',
  technique: 'eager',
  client: 'mongoose',
  needs: ['mongo'],
  expectQueries: populateQueries,
  parity: { lean: false },
  read: async ({ page }, { mongo }) => {
    const { Post } = models(mongo);
    const posts = await Post.find()
      .sort({ createdAt: -1, _id: -1 })
      .skip(offsetOf(page))
      .limit(PAGE_SIZE)
      .populate<Populated>([
        { path: 'author', options: { batchSize: ONE_BATCH } },
        { path: 'tags', options: { batchSize: ONE_BATCH } },
        { path: 'commentCount', options: { batchSize: ONE_BATCH } },
      ]);
    return {
      page,
      posts: posts.map((p) => ({
        id: p._id,
        title: p.title,
        createdAt: isoMs(p.createdAt),
        author: userRef(present(p.author, `user ${p.authorId}`)),
        commentCount: p.commentCount,
        // One tag query serves the whole page, so its order cannot be each post's: sorted here.
        tags: p.tags.map((t) => t.name).sort(),
      })),
    };
  },
  write: (params, comment, { mongo }) => mongoAddComment(mongo, commentedPost(params), comment),
});
