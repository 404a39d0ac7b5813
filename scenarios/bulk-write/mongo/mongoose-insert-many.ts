// mongoose-insert-many — Comment.insertMany(docs) with the whole batch, ordered (the default): after the shared checks
// and id reservation, one insert command carries every document (the driver splits only beyond 100 000 documents or
// 48 MB), 4 commands per request. Mongoose still casts and validates each document first, as save() does. The
// Mongoose answer to bulk inserts; ordered, the server stops at the first failing document (those before it stay
// stored: without a multi-document transaction, which needs a replica set, the batch is not atomic).
import { defineStrategy } from '../../../src/core/scenario.ts';
import { models } from '../../../datasets/mongo/models.ts';
import { mongoReadComments, prepareComments } from '../lib/mongo.ts';
import type { BulkBody, BulkCreated, Params, PostComments } from '../contract.ts';

export default defineStrategy<Params, BulkBody, PostComments>({
  name: 'mongoose-insert-many',
  technique: 'bulk',
  client: 'mongoose',
  needs: ['mongo'],
  // In the full profile's run (or named with --strategy): the default run times a telling three.
  runIn: ['full'],
  // A write: post and authors checked, ids reserved, one insert. A read: the post, then its comments.
  expectQueries: (f) => (f.write ? 4 : f.exists ? 2 : 1),
  parity: { lean: false, ordered: true },
  read: ({ id }, { mongo }) => mongoReadComments(mongo, id),
  write: async ({ id }, { comments }, { mongo }): Promise<BulkCreated> => {
    const { Comment } = models(mongo);
    const docs = await prepareComments(mongo, id, comments);
    const inserted = await Comment.insertMany(docs, { ordered: true });
    return { postId: id, inserted: inserted.length };
  },
});
