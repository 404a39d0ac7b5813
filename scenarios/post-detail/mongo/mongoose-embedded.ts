// mongoose-embedded — the denormalized document: post_details holds the whole payload (author snapshot, tag names,
// every comment with its author snapshot, in display order), so a read is one findById, lean. The document-model
// answer for a read-mostly page whose shape is fixed. It costs write amplification (each new comment is written to
// `comments` and pushed into post_details), snapshots that go stale if a user renames (a rename must fan out to
// every document embedding them), and document growth: a hot thread's document approaches the 16 MiB limit.
import { isoMs } from '../../../src/core/params.ts';
import { defineStrategy } from '../../../src/core/scenario.ts';
import { models } from '../../../datasets/mongo/models.ts';
import { insertMongoComment, pushEmbeddedComment } from '../../shared/mongo-comment-write.ts';
import type { CreatedComment, NewComment, Params, PostDetail } from '../contract.ts';

export default defineStrategy<Params, NewComment, PostDetail>({
  name: 'mongoose-embedded',
  technique: 'denormalized',
  client: 'mongoose',
  needs: ['mongo'],
  expectQueries: () => 1,
  parity: { lean: true },
  read: async ({ id }, { mongo }) => {
    const { PostDetail } = models(mongo);
    // The projection leaves out the ordering bookkeeping (lastCommentAt/lastCommentId) the write path keeps.
    const doc = await PostDetail.findById(id, 'title body createdAt author tags comments').lean();
    if (!doc) return null;
    return {
      id: doc._id,
      title: doc.title,
      body: doc.body,
      createdAt: isoMs(doc.createdAt),
      author: doc.author,
      tags: doc.tags,
      comments: doc.comments.map((c) => ({ id: c.id, body: c.body, createdAt: isoMs(c.createdAt), author: c.author })),
    };
  },
  // The normalized `comments` stays the source of truth; the read model follows it in the same request.
  write: async ({ id }, comment, { mongo }): Promise<CreatedComment> => {
    const { created, embedded } = await insertMongoComment(mongo, id, comment);
    await pushEmbeddedComment(mongo, id, embedded);
    return created;
  },
});
