// mongoose-lookup — one aggregation: sort, skip and limit the page, then $lookup each post's author, its tags and a
// $count of its comments (served by the {postId, …} index) on the server, which also formats the dates. One round
// trip per page: the document database's counterpart of pg-join. It costs a hand-written pipeline and MongoDB ≥ 5.0.
// FerretDB 1.24 does not implement $lookup: there the read fails with the server's own error, and verification
// reports the strategy failed with that reason — the honest outcome, rather than a pipeline that is not a join.
import type { PipelineStage } from 'mongoose';
import { defineStrategy } from '../../../src/core/scenario.ts';
import { models } from '../../../datasets/mongo/models.ts';
import { mongoAddComment } from '../../shared/mongo-comment-write.ts';
import { commentedPost, offsetOf, PAGE_SIZE, type FeedItem, type FeedPage, type NewComment, type Params } from '../contract.ts';

const pipeline = (page: number): PipelineStage[] => [
  // The page first, so only its 20 posts are joined; the {createdAt: -1, _id: -1} index serves sort + skip + limit.
  { $sort: { createdAt: -1, _id: -1 } },
  { $skip: offsetOf(page) },
  { $limit: PAGE_SIZE },
  {
    $lookup: {
      from: 'users',
      localField: 'authorId',
      foreignField: '_id',
      pipeline: [{ $project: { _id: 0, id: '$_id', username: 1, displayName: 1 } }],
      as: 'author',
    },
  },
  { $unwind: '$author' },
  // Byte order, as the contract says (no collation).
  { $lookup: { from: 'tags', localField: 'tagIds', foreignField: '_id', pipeline: [{ $sort: { name: 1 } }], as: 'tags' } },
  { $lookup: { from: 'comments', localField: '_id', foreignField: 'postId', pipeline: [{ $count: 'n' }], as: 'counts' } },
  {
    $project: {
      _id: 0,
      id: '$_id',
      title: 1,
      createdAt: { $dateToString: { date: '$createdAt', format: '%Y-%m-%dT%H:%M:%S.%LZ', timezone: 'UTC' } },
      author: 1,
      // $count emits nothing for a post without comments.
      commentCount: { $ifNull: [{ $first: '$counts.n' }, 0] },
      tags: '$tags.name',
    },
  },
];

export default defineStrategy<Params, NewComment, FeedPage>({
  name: 'mongoose-lookup',
  technique: 'raw',
  client: 'mongoose',
  needs: ['mongo'],
  expectQueries: () => 1,
  parity: { lean: true },
  read: async ({ page }, { mongo }) => ({ page, posts: await models(mongo).Post.aggregate<FeedItem>(pipeline(page)) }),
  write: (params, comment, { mongo }) => mongoAddComment(mongo, commentedPost(params), comment),
});
