// mongoose-aggregate — the aggregation pipeline: one aggregate over the user's posts whose $facet computes the post
// count, the comments received ($lookup + $count per post, summed), the top tags ($unwind, $group, $lookup of the
// names, ranked) and the latest posts, with the dates formatted on the server; the user is fetched alongside. Two
// round trips in parallel and a few hundred bytes back, whatever the post count: MongoDB's counterpart of pg-join.
// It costs a pipeline the team must own, $facet's 16 MiB cap on its output document and MongoDB ≥ 5.0.
// FerretDB 1.24 implements neither $facet nor $lookup: there the read fails with the server's own error, and
// verification reports the strategy failed with that reason.
import type { PipelineStage } from 'mongoose';
import { defineStrategy } from '../../../src/core/scenario.ts';
import { models } from '../../../datasets/mongo/models.ts';
import { LATEST_POSTS, TOP_TAGS, type Params, type UserSummary } from '../contract.ts';

type Aggregates = Pick<UserSummary, 'postCount' | 'commentsReceived' | 'topTags' | 'latestPosts'>;

const first = (path: string): Record<string, unknown> => ({ $ifNull: [{ $first: path }, 0] });

// The $match uses the {authorId: 1} index; the comment $lookup the {postId, …} one, once per post.
const pipeline = (id: number): PipelineStage[] => [
  { $match: { authorId: id } },
  {
    $facet: {
      posts: [{ $count: 'n' }],
      comments: [
        { $lookup: { from: 'comments', localField: '_id', foreignField: 'postId', pipeline: [{ $count: 'n' }], as: 'c' } },
        { $unwind: '$c' },
        { $group: { _id: null, n: { $sum: '$c.n' } } },
      ],
      topTags: [
        { $unwind: '$tagIds' },
        { $group: { _id: '$tagIds', count: { $sum: 1 } } },
        { $lookup: { from: 'tags', localField: '_id', foreignField: '_id', as: 'tag' } },
        { $unwind: '$tag' },
        // Ties by name in byte order, as the contract says (no collation).
        { $sort: { count: -1, 'tag.name': 1 } },
        { $limit: TOP_TAGS },
        { $project: { _id: 0, name: '$tag.name', count: 1 } },
      ],
      latestPosts: [
        { $sort: { createdAt: -1, _id: -1 } },
        { $limit: LATEST_POSTS },
        {
          $project: {
            _id: 0,
            id: '$_id',
            title: 1,
            createdAt: { $dateToString: { date: '$createdAt', format: '%Y-%m-%dT%H:%M:%S.%LZ', timezone: 'UTC' } },
          },
        },
      ],
    },
  },
  // $facet always emits one document: a user without posts gets zeros and empty arrays.
  { $project: { postCount: first('$posts.n'), commentsReceived: first('$comments.n'), topTags: 1, latestPosts: 1 } },
];

export default defineStrategy<Params, never, UserSummary>({
  name: 'mongoose-aggregate',
  technique: 'raw',
  client: 'mongoose',
  needs: ['mongo'],
  // Both commands are sent at once, so an unknown user costs 2 as well.
  expectQueries: () => 2,
  parity: { lean: true },
  read: async ({ id }, { mongo }) => {
    const { User, Post } = models(mongo);
    const [user, [agg]] = await Promise.all([User.findById(id, 'username displayName').lean(), Post.aggregate<Aggregates>(pipeline(id))]);
    if (!user) return null;
    if (!agg) throw new Error('$facet returned no document');
    return { id: user._id, username: user.username, displayName: user.displayName, ...agg };
  },
});
