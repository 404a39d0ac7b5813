// mongoose-embedded — reads the feed_items read model: one document per post with exactly what a feed item shows
// (author snapshot, comment count, tag names), so a page is one find over the {createdAt: -1, _id: -1} index, lean.
// Choose it when the feed is read far more than it is written. It costs write amplification — every comment also
// $inc's its post's item — and, without a multi-document transaction (FerretDB 1.24 has none; MongoDB needs a
// replica set), a window where the comment exists and the count does not yet include it; a crash in that window
// leaves the count short until the model is rebuilt. Snapshots go stale if a user renames (no such write here).
import { isoMs } from '../../../src/core/params.ts';
import { defineStrategy } from '../../../src/core/scenario.ts';
import { models } from '../../../datasets/mongo/models.ts';
import { insertMongoComment } from '../../shared/mongo-comment-write.ts';
import { commentedPost, offsetOf, PAGE_SIZE, type CreatedComment, type FeedPage, type NewComment, type Params } from '../contract.ts';

export default defineStrategy<Params, NewComment, FeedPage>({
  name: 'mongoose-embedded',
  technique: 'denormalized',
  client: 'mongoose',
  needs: ['mongo'],
  expectQueries: () => 1,
  parity: { lean: true, readModel: 'feed_items (documents)' },
  read: async ({ page }, { mongo }) => {
    const items = await models(mongo)
      .FeedItem.find({}, 'createdAt title author commentCount tags')
      .sort({ createdAt: -1, _id: -1 })
      .skip(offsetOf(page))
      .limit(PAGE_SIZE)
      .lean();
    return {
      page,
      posts: items.map((f) => ({
        id: f._id,
        title: f.title,
        createdAt: isoMs(f.createdAt),
        author: f.author,
        commentCount: f.commentCount,
        tags: f.tags,
      })),
    };
  },
  write: async (params, comment, { mongo }): Promise<CreatedComment> => {
    const postId = commentedPost(params);
    const { created } = await insertMongoComment(mongo, postId, comment); // an unknown post or author is a 404 here
    const bumped = await models(mongo).FeedItem.updateOne({ _id: postId }, { $inc: { commentCount: 1 } });
    if (bumped.matchedCount !== 1) throw new Error(`feed_items has no document for post ${postId}: was the read model built?`);
    return created;
  },
});
