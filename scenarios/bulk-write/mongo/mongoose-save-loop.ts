// mongoose-save-loop — new Comment(doc).save() awaited once per comment, after the shared checks and id reservation:
// 3 + n commands (post, authors, the counter's $inc, then one insert per comment). Mongoose's document API as
// single-comment code uses it, grown into a loop. It costs a round trip (and, with the default write concern, a
// journal acknowledgement) per comment, and no atomicity: a failure mid-loop leaves the first comments stored.
import { defineStrategy } from '../../../src/core/scenario.ts';
import { models } from '../../../datasets/mongo/models.ts';
import { mongoReadComments, prepareComments } from '../lib/mongo.ts';
import type { BulkBody, BulkCreated, Params, PostComments } from '../contract.ts';

export default defineStrategy<Params, BulkBody, PostComments>({
  name: 'mongoose-save-loop',
  technique: 'naive',
  client: 'mongoose',
  needs: ['mongo'],
  // In the full profile's run (or named with --strategy): the default run times a telling three.
  runIn: ['full'],
  // A write: post and authors checked, ids reserved, one insert per comment. A read: the post, then its comments.
  expectQueries: (f) => (f.write ? (f.rows ?? 0) + 3 : f.exists ? 2 : 1),
  parity: { lean: false },
  read: ({ id }, { mongo }) => mongoReadComments(mongo, id),
  write: async ({ id }, { comments }, { mongo }): Promise<BulkCreated> => {
    const { Comment } = models(mongo);
    const docs = await prepareComments(mongo, id, comments);
    for (const d of docs) await new Comment(d).save();
    return { postId: id, inserted: docs.length };
  },
});
