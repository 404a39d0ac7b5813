// What the Mongoose strategies of bulk-write share: the read verification uses, and the checks and id reservation
// that come before any insert. MongoDB has no foreign keys, so the application checks that the post and every author
// exist (one find each: a 404 before anything is written, as PostgreSQL's foreign keys give). Numeric ids come from
// the seed's counter document (`counters`, `_id: 'comments'`, see scenarios/shared/mongo-comment-write.ts): one
// atomic $inc reserves the whole batch's ids, so a bulk write touches the counter once, not once per comment.
// FerretDB 1.24 loses concurrent updates of one document (FerretDB#3040): under concurrent bulk writes there, two
// requests may reserve the same ids and one insert fails (E11000). A run therefore skips Mongo strategies of a
// writing scenario on FerretDB (src/runner/limits.ts); verification, one write at a time, runs there as well.
import type { Connection } from 'mongoose';
import { NotFound } from '../../../src/core/errors.ts';
import { isoMs } from '../../../src/core/params.ts';
import { models, type CommentDoc } from '../../../datasets/mongo/models.ts';
import { ONE_BATCH } from '../../shared/mongo-payload.ts';
import type { BulkComment, PostComments } from '../contract.ts';

/** The post's existence, then its comments: 2 commands, 1 when the post does not exist. */
export async function mongoReadComments(conn: Connection, id: number): Promise<PostComments | null> {
  const { Post, Comment } = models(conn);
  if (!(await Post.exists({ _id: id }))) return null;
  const comments = await Comment.find({ postId: id }, 'authorId body createdAt').sort({ createdAt: 1, _id: 1 }).batchSize(ONE_BATCH).lean();
  return { postId: id, comments: comments.map((c) => ({ authorId: c.authorId, body: c.body, createdAt: isoMs(c.createdAt) })) };
}

/**
 * Checks the post and the authors (2 commands) and reserves the batch's ids (1 command): the documents to insert, in
 * the order sent. Throws NotFound, having written nothing, when the post or an author does not exist.
 */
export async function prepareComments(conn: Connection, postId: number, comments: readonly BulkComment[]): Promise<CommentDoc[]> {
  const { Post, User, Counter } = models(conn);
  const authorIds = [...new Set(comments.map((c) => c.authorId))];
  const post = await Post.exists({ _id: postId });
  const authors = await User.find({ _id: { $in: authorIds } }, '_id')
    .batchSize(ONE_BATCH)
    .lean();
  if (!post || authors.length !== authorIds.length) throw new NotFound('no such post or author');
  const counter = await Counter.findOneAndUpdate(
    { _id: 'comments' },
    { $inc: { seq: comments.length } },
    { returnDocument: 'after' },
  ).lean();
  // No upsert: a counter created here would hand out ids the seed already used.
  if (!counter) throw new Error('counters.comments is missing: the database was not seeded by accessbench');
  const first = counter.seq - comments.length + 1;
  return comments.map((c, i) => ({ _id: first + i, postId, authorId: c.authorId, body: c.body, createdAt: new Date(c.createdAt) }));
}
