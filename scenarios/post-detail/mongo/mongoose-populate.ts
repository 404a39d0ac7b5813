// mongoose-populate — eager loading with populate: the post, then one query per relation level (author, tags,
// comments, comment authors), each an `$in` over the ids collected from the level above, stitched into hydrated
// documents. Comments come through a virtual populate (`localField: _id`, `foreignField: postId`, sorted by
// (createdAt, _id) on the server, served by the {postId, createdAt, _id} index): Mongoose's own answer for a
// one-to-many whose reference is on the child; it sends the same find a hand-written second query would, and keeps
// one populate chain. The default fix for N+1 in Mongoose code; it costs a constant handful of round trips (fewer
// when a level is empty: Mongoose skips a query with no ids) plus full documents and hydration.
import { isoMs } from '../../../src/core/params.ts';
import { defineStrategy } from '../../../src/core/scenario.ts';
import type { HydratedDocument } from 'mongoose';
import { models, type CommentDoc, type TagDoc, type UserDoc } from '../../../datasets/mongo/models.ts';
import { ONE_BATCH, present, userRef } from '../../shared/mongo-payload.ts';
import { mongoAddComment } from '../../shared/mongo-comment-write.ts';
import type { NewComment, Params, PostDetail } from '../contract.ts';

/** Commands of the populate chain: post, author, comments; tags and comment authors only when there are ids. */
export const populateQueries = (f: Record<string, number>): number => (f.exists ? 3 + (f.tags ? 1 : 0) + (f.comments ? 1 : 0) : 1);

// A populated reference may be null when the referenced document is missing (no foreign keys in MongoDB).
interface Populated {
  author: HydratedDocument<UserDoc> | null;
  tags: Array<HydratedDocument<TagDoc>>;
  comments: Array<HydratedDocument<CommentDoc> & { author: HydratedDocument<UserDoc> | null }>;
}

export default defineStrategy<Params, NewComment, PostDetail>({
  name: 'mongoose-populate',
  technique: 'eager',
  client: 'mongoose',
  needs: ['mongo'],
  expectQueries: populateQueries,
  parity: { lean: false },
  read: async ({ id }, { mongo }) => {
    const { Post } = models(mongo);
    const post = await Post.findById(id).populate<Populated>([
      { path: 'author' },
      { path: 'tags', options: { sort: { name: 1 }, batchSize: ONE_BATCH } },
      {
        path: 'comments',
        options: { sort: { createdAt: 1, _id: 1 }, batchSize: ONE_BATCH },
        populate: { path: 'author', options: { batchSize: ONE_BATCH } },
      },
    ]);
    if (!post) return null;
    return {
      id: post._id,
      title: post.title,
      body: post.body,
      createdAt: isoMs(post.createdAt),
      author: userRef(present(post.author, `user ${post.authorId}`)),
      tags: post.tags.map((t) => t.name),
      comments: post.comments.map((c) => ({
        id: c._id,
        body: c.body,
        createdAt: isoMs(c.createdAt),
        author: userRef(present(c.author, `user ${c.authorId}`)),
      })),
    };
  },
  write: ({ id }, comment, { mongo }) => mongoAddComment(mongo, id, comment),
});
