// mongoose-lookup — one aggregation: $lookup joins the author, the tags and the comments (each comment with its
// author, via a nested $lookup) on the server, which also formats the dates, so the reply is the payload. One
// round trip whatever the fan-out: the document database's counterpart of pg-join. Choose it for a hot, stable read
// over referenced collections; it costs a hand-written pipeline, a per-comment index probe for the nested author
// lookup (on the server, not over the network) and MongoDB ≥ 5.0 ($lookup with localField and a pipeline).
// FerretDB 1.24 does not implement $lookup: there the read fails with the server's own error, and verification
// reports the strategy failed with that reason — the honest outcome, rather than a pipeline that is not a join.
import type { PipelineStage } from 'mongoose';
import { defineStrategy } from '../../../src/core/scenario.ts';
import { models } from '../../../datasets/mongo/models.ts';
import { mongoAddComment } from '../../shared/mongo-comment-write.ts';
import type { NewComment, Params, PostDetail } from '../contract.ts';

/** ISO-8601 UTC with milliseconds, as Date#toISOString writes it (years 0–9999). */
const iso = (field: string): Record<string, unknown> => ({
  $dateToString: { date: field, format: '%Y-%m-%dT%H:%M:%S.%LZ', timezone: 'UTC' },
});

const userRef: PipelineStage.Project[] = [{ $project: { _id: 0, id: '$_id', username: 1, displayName: 1 } }];

const pipeline = (id: number): PipelineStage[] => [
  { $match: { _id: id } },
  { $lookup: { from: 'users', localField: 'authorId', foreignField: '_id', pipeline: userRef, as: 'author' } },
  { $unwind: '$author' },
  // Sorted on the server; byte order, as the contract says (no collation).
  { $lookup: { from: 'tags', localField: 'tagIds', foreignField: '_id', pipeline: [{ $sort: { name: 1 } }], as: 'tags' } },
  {
    $lookup: {
      from: 'comments',
      localField: '_id',
      foreignField: 'postId',
      // The equality on postId comes first, so the {postId, createdAt, _id} index serves match and sort.
      pipeline: [
        { $sort: { createdAt: 1, _id: 1 } },
        { $lookup: { from: 'users', localField: 'authorId', foreignField: '_id', pipeline: userRef, as: 'author' } },
        { $unwind: '$author' },
        { $project: { _id: 0, id: '$_id', body: 1, createdAt: iso('$createdAt'), author: 1 } },
      ],
      as: 'comments',
    },
  },
  { $project: { _id: 0, id: '$_id', title: 1, body: 1, createdAt: iso('$createdAt'), author: 1, tags: '$tags.name', comments: 1 } },
];

export default defineStrategy<Params, NewComment, PostDetail>({
  name: 'mongoose-lookup',
  technique: 'raw',
  client: 'mongoose',
  needs: ['mongo'],
  expectQueries: () => 1,
  parity: { lean: true },
  read: async ({ id }, { mongo }) => {
    const [doc] = await models(mongo).Post.aggregate<PostDetail>(pipeline(id));
    return doc ?? null;
  },
  write: ({ id }, comment, { mongo }) => mongoAddComment(mongo, id, comment),
});
