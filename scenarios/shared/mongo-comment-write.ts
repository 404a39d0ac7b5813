// The add-comment write of the Mongo strategies of post-detail and feed. MongoDB has no foreign keys, so the
// application checks that the post and the author exist (404 otherwise, as PostgreSQL's foreign-key violation is). The
// new id comes from a counter document (`counters`, `_id: 'comments'`, an atomic $inc) that the seed sets to the
// largest seeded comment id: numeric ids like the SQL ones, never colliding with seeded comments, at the price of one
// extra round trip per write and a single hot document under write load. (ObjectIds would break the numeric-id
// contract; max(_id)+1 races.) MongoDB is a separate store from PostgreSQL: the same new id may name different comments
// in each.
// Everything here relies on MongoDB's single-document atomicity ($inc, $push, a guarded update). FerretDB 1.24 on
// SQLite does not provide it across connections (its update reads, modifies and writes back outside one
// transaction — FerretDB/FerretDB#3040; measured: 30 concurrent findOneAndUpdate $inc over 10 connections handed out
// 11 distinct values, 30 concurrent updateOne $inc left the counter at 1).
// Under concurrent writes there, ids collide (the insert fails with the server's E11000, a 500) and read-model
// updates are lost. Not papered over: a retry would hide the first and nothing client-side can fix the second.
import type { Connection } from 'mongoose';
import { NotFound } from '../../src/core/errors.ts';
import { models, type EmbeddedComment } from '../../datasets/mongo/models.ts';
import type { CreatedComment, NewComment } from './contract.ts';

export interface InsertedComment {
  created: CreatedComment;
  /** The comment as post_details embeds it (with its author snapshot). */
  embedded: EmbeddedComment;
}

/** Inserts into `comments`, the collection every non-embedded strategy reads. */
export async function insertMongoComment(conn: Connection, postId: number, c: NewComment): Promise<InsertedComment> {
  const { Post, User, Counter, Comment } = models(conn);
  const [post, author] = await Promise.all([Post.exists({ _id: postId }), User.findById(c.authorId, 'username displayName').lean()]);
  if (!post || !author) throw new NotFound('no such post or author');
  const counter = await Counter.findOneAndUpdate({ _id: 'comments' }, { $inc: { seq: 1 } }, { returnDocument: 'after' }).lean();
  // No upsert: a counter created at 1 would hand out ids the seed already used.
  if (!counter) throw new Error('counters.comments is missing: the database was not seeded by accessbench');
  const createdAt = new Date();
  await Comment.create({ _id: counter.seq, postId, authorId: c.authorId, body: c.body, createdAt });
  return {
    created: { id: counter.seq, postId, authorId: c.authorId, body: c.body, createdAt: createdAt.toISOString() },
    embedded: {
      id: counter.seq,
      body: c.body,
      createdAt,
      author: { id: author._id, username: author.username, displayName: author.displayName },
    },
  };
}

export async function mongoAddComment(conn: Connection, postId: number, c: NewComment): Promise<CreatedComment> {
  return (await insertMongoComment(conn, postId, c)).created;
}

const byCreatedAtId = (a: EmbeddedComment, b: EmbeddedComment): number => a.createdAt.getTime() - b.createdAt.getTime() || a.id - b.id;

/**
 * Adds a comment to the post's post_details document, keeping (createdAt, id) order. On MongoDB `$push` with
 * `$each`/`$sort` would do it in one update, but FerretDB 1.24 silently ignores $push modifiers (checked: $sort,
 * $position and $slice are accepted and have no effect). So: a plain append guarded by "sorts after the last
 * embedded comment" — one update, and the case whenever the clock moves forward — else, when a racing write landed a
 * later comment first, a rewrite of the array guarded by its length (optimistic concurrency, retried).
 */
export async function pushEmbeddedComment(conn: Connection, postId: number, entry: EmbeddedComment): Promise<void> {
  const { PostDetail } = models(conn);
  const t = entry.createdAt;
  const appended = await PostDetail.updateOne(
    { _id: postId, $or: [{ lastCommentAt: { $lt: t } }, { lastCommentAt: t, lastCommentId: { $lt: entry.id } }] },
    { $push: { comments: entry }, $set: { lastCommentAt: t, lastCommentId: entry.id } },
  );
  if (appended.matchedCount === 1) return;
  for (let attempt = 0; attempt < 20; attempt++) {
    const doc = await PostDetail.findById(postId, 'comments').lean();
    if (!doc) throw new Error(`post_details ${postId} is missing: the read model is out of step with posts`);
    const comments = [...doc.comments, entry].sort(byCreatedAtId);
    const last = comments[comments.length - 1] as EmbeddedComment;
    const r = await PostDetail.updateOne(
      { _id: postId, comments: { $size: doc.comments.length } },
      { $set: { comments, lastCommentAt: last.createdAt, lastCommentId: last.id } },
    );
    if (r.matchedCount === 1) return;
  }
  throw new Error(`post_details ${postId}: too much write contention to insert comment ${entry.id} in order`);
}
