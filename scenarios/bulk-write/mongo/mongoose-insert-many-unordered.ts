// mongoose-insert-many-unordered — mongoose-insert-many with { ordered: false }: the server may apply the documents in
// any order and goes on past a failing one, reporting every failure at the end. On a single server the documents go
// in the same one insert command; the difference shows on sharded clusters (batches to shards in parallel) and when
// some documents fail (e.g. duplicates in an idempotent re-import). It costs the order guarantee: after a failure,
// which documents were stored is whatever the error lists.
import { defineStrategy } from '../../../src/core/scenario.ts';
import { models } from '../../../datasets/mongo/models.ts';
import { mongoReadComments, prepareComments } from '../lib/mongo.ts';
import type { BulkBody, BulkCreated, Params, PostComments } from '../contract.ts';

export default defineStrategy<Params, BulkBody, PostComments>({
  name: 'mongoose-insert-many-unordered',
  technique: 'bulk',
  client: 'mongoose',
  needs: ['mongo'],
  // In the full profile's run (or named with --strategy): the default run times a telling three.
  runIn: ['full'],
  // A write: post and authors checked, ids reserved, one insert. A read: the post, then its comments.
  expectQueries: (f) => (f.write ? 4 : f.exists ? 2 : 1),
  parity: { lean: false, ordered: false },
  read: ({ id }, { mongo }) => mongoReadComments(mongo, id),
  write: async ({ id }, { comments }, { mongo }): Promise<BulkCreated> => {
    const { Comment } = models(mongo);
    const docs = await prepareComments(mongo, id, comments);
    const inserted = await Comment.insertMany(docs, { ordered: false });
    return { postId: id, inserted: inserted.length };
  },
});
