// mongoose-lean — the populate chain of mongoose-populate with `.lean()` and projections: the same queries, but
// each fetches only the fields the payload needs and Mongoose returns plain objects instead of hydrating documents
// (no change tracking, getters or casting on the way out). What a team does once profiling shows hydration on a hot
// read path; it costs the document API (no save(), no virtuals beyond the populated ones) on what it returns.
import { isoMs } from '../../../src/core/params.ts';
import { defineStrategy } from '../../../src/core/scenario.ts';
import { models, type CommentDoc, type PostDoc, type TagDoc, type UserDoc } from '../../../datasets/mongo/models.ts';
import { populateQueries } from './mongoose-populate.ts';
import { ONE_BATCH, present, userRef } from '../../shared/mongo-payload.ts';
import { mongoAddComment } from '../../shared/mongo-comment-write.ts';
import type { NewComment, Params, PostDetail } from '../contract.ts';

type Ref = Pick<UserDoc, '_id' | 'username' | 'displayName'>;

interface LeanPost extends Pick<PostDoc, '_id' | 'title' | 'body' | 'createdAt' | 'authorId'> {
  author: Ref | null;
  tags: Array<Pick<TagDoc, '_id' | 'name'>>;
  comments: Array<Pick<CommentDoc, '_id' | 'body' | 'createdAt' | 'authorId'> & { author: Ref | null }>;
}

const REF = 'username displayName';

export default defineStrategy<Params, NewComment, PostDetail>({
  name: 'mongoose-lean',
  technique: 'lean',
  client: 'mongoose',
  needs: ['mongo'],
  // The same commands as mongoose-populate: lean and projections change what comes back, not how many round trips.
  expectQueries: populateQueries,
  parity: { lean: true },
  read: async ({ id }, { mongo }) => {
    const { Post } = models(mongo);
    // tagIds must be selected: populate reads the local ids from the post it fetched.
    const post = await Post.findById(id, 'title body createdAt authorId tagIds')
      .populate([
        { path: 'author', select: REF },
        { path: 'tags', select: 'name', options: { sort: { name: 1 }, batchSize: ONE_BATCH } },
        {
          path: 'comments',
          select: 'body createdAt authorId',
          options: { sort: { createdAt: 1, _id: 1 }, batchSize: ONE_BATCH },
          populate: { path: 'author', select: REF, options: { batchSize: ONE_BATCH } },
        },
      ])
      .lean<LeanPost>();
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
