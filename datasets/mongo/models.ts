// The MongoDB shape of the blogging domain, as Mongoose schemas. Referenced collections mirror the SQL tables with
// the same numeric ids as `_id` (so payloads compare with PostgreSQL's), camelCase fields and real Dates. The
// many-to-many post_tags becomes `posts.tagIds: number[]`: the idiomatic Mongo form (an array of references on the
// side that is read), indexed by a multikey index instead of a join table.
// Read models (denormalized, built by the seed, kept by their strategies' write paths): `post_details`, one document
// per post holding the whole post-detail payload (author snapshot, sorted tag names, every comment with its author
// snapshot in (createdAt, id) order), and `feed_items`, one per post holding what a feed item shows.
// Indexes are declared here and created by the seed (`autoIndex: false`), so a strategy server never sends
// index builds while it is being measured.
import { Schema, type Connection, type Model } from 'mongoose';

export interface UserDoc {
  _id: number;
  username: string;
  displayName: string;
  email: string;
  bio: string;
  createdAt: Date;
}

export interface TagDoc {
  _id: number;
  name: string;
}

export interface PostDoc {
  _id: number;
  authorId: number;
  title: string;
  body: string;
  createdAt: Date;
  tagIds: number[];
}

export interface CommentDoc {
  _id: number;
  postId: number;
  authorId: number;
  body: string;
  createdAt: Date;
}

/** The author snapshot embedded in read models: exactly the payload's UserRef. */
export interface UserSnapshot {
  id: number;
  username: string;
  displayName: string;
}

export interface EmbeddedComment {
  id: number;
  body: string;
  createdAt: Date;
  author: UserSnapshot;
}

export interface PostDetailDoc {
  _id: number;
  title: string;
  body: string;
  createdAt: Date;
  author: UserSnapshot;
  tags: string[];
  comments: EmbeddedComment[];
  /** The (createdAt, id) of the last embedded comment: lets a write append in order with one guarded update. */
  lastCommentAt: Date;
  lastCommentId: number;
}

/** The feed's read model: per post exactly what a feed item shows (as feed_items in 11-read-model-feed.sql). */
export interface FeedItemDoc {
  _id: number;
  createdAt: Date;
  title: string;
  author: UserSnapshot;
  commentCount: number;
  /** Tag names in byte order. */
  tags: string[];
}

/** Named sequences (`{_id: 'comments', seq}`): new comment ids, see src/seed/mongo.ts. */
export interface CounterDoc {
  _id: string;
  seq: number;
}

// `id: false`: no string `id` getter beside the numeric `_id`; no `__v`: these documents carry no version field.
const OPTIONS = { versionKey: false, id: false, autoIndex: false, autoCreate: false } as const;

const userSchema = new Schema<UserDoc>(
  {
    _id: { type: Number, required: true },
    username: { type: String, required: true },
    displayName: { type: String, required: true },
    email: { type: String, required: true },
    bio: { type: String, required: true },
    createdAt: { type: Date, required: true },
  },
  OPTIONS,
);
userSchema.index({ username: 1 }, { unique: true });

const tagSchema = new Schema<TagDoc>({ _id: { type: Number, required: true }, name: { type: String, required: true } }, OPTIONS);
tagSchema.index({ name: 1 }, { unique: true });

const postSchema = new Schema<PostDoc>(
  {
    _id: { type: Number, required: true },
    authorId: { type: Number, required: true, ref: 'User' },
    title: { type: String, required: true },
    body: { type: String, required: true },
    createdAt: { type: Date, required: true },
    tagIds: { type: [Number], ref: 'Tag', default: [] },
  },
  OPTIONS,
);
postSchema.index({ authorId: 1 });
// The feed pages by recency; _id breaks ties so the order is total (as posts_created_at_id_idx in SQL).
postSchema.index({ createdAt: -1, _id: -1 });
// Relations as populate virtuals: the stored fields keep the SQL column names (authorId, tagIds) and the related
// documents appear under the payload's names. `comments` is the one-to-many whose foreign key is on the child.
postSchema.virtual('author', { ref: 'User', localField: 'authorId', foreignField: '_id', justOne: true });
postSchema.virtual('tags', { ref: 'Tag', localField: 'tagIds', foreignField: '_id' });
postSchema.virtual('comments', { ref: 'Comment', localField: '_id', foreignField: 'postId' });
// Populated with the count only: Mongoose fetches the matching comments' postId and counts them per post.
postSchema.virtual('commentCount', { ref: 'Comment', localField: '_id', foreignField: 'postId', count: true });

const commentSchema = new Schema<CommentDoc>(
  {
    _id: { type: Number, required: true },
    postId: { type: Number, required: true, ref: 'Post' },
    authorId: { type: Number, required: true, ref: 'User' },
    body: { type: String, required: true },
    createdAt: { type: Date, required: true },
  },
  OPTIONS,
);
// Covers "comments of a post in display order" as well as the reference (comments_post_id_created_at_id_idx).
commentSchema.index({ postId: 1, createdAt: 1, _id: 1 });
commentSchema.index({ authorId: 1 });
commentSchema.virtual('author', { ref: 'User', localField: 'authorId', foreignField: '_id', justOne: true });

const snapshotSchema = new Schema<UserSnapshot>(
  { id: { type: Number, required: true }, username: { type: String, required: true }, displayName: { type: String, required: true } },
  { _id: false, id: false },
);

const postDetailSchema = new Schema<PostDetailDoc>(
  {
    _id: { type: Number, required: true },
    title: { type: String, required: true },
    body: { type: String, required: true },
    createdAt: { type: Date, required: true },
    author: { type: snapshotSchema, required: true },
    tags: { type: [String], default: [] },
    comments: {
      type: [
        new Schema<EmbeddedComment>(
          {
            id: { type: Number, required: true },
            body: { type: String, required: true },
            createdAt: { type: Date, required: true },
            author: { type: snapshotSchema, required: true },
          },
          { _id: false, id: false },
        ),
      ],
      default: [],
    },
    lastCommentAt: { type: Date, required: true },
    lastCommentId: { type: Number, required: true },
  },
  OPTIONS,
);

const feedItemSchema = new Schema<FeedItemDoc>(
  {
    _id: { type: Number, required: true },
    createdAt: { type: Date, required: true },
    title: { type: String, required: true },
    author: { type: snapshotSchema, required: true },
    commentCount: { type: Number, required: true },
    tags: { type: [String], default: [] },
  },
  OPTIONS,
);
feedItemSchema.index({ createdAt: -1, _id: -1 });

const counterSchema = new Schema<CounterDoc>({ _id: { type: String, required: true }, seq: { type: Number, required: true } }, OPTIONS);

export interface Models {
  User: Model<UserDoc>;
  Tag: Model<TagDoc>;
  // Populated virtuals are typed where they are populated: `.populate<{ author: UserDoc }>('author')`.
  Post: Model<PostDoc>;
  Comment: Model<CommentDoc>;
  PostDetail: Model<PostDetailDoc>;
  FeedItem: Model<FeedItemDoc>;
  Counter: Model<CounterDoc>;
}

const cache = new WeakMap<Connection, Models>();

/** The models bound to `conn`, compiled once per connection (Mongoose refuses to compile a model name twice). */
export function models(conn: Connection): Models {
  let m = cache.get(conn);
  if (!m) {
    m = {
      User: conn.model<UserDoc>('User', userSchema, 'users'),
      Tag: conn.model<TagDoc>('Tag', tagSchema, 'tags'),
      Post: conn.model<PostDoc>('Post', postSchema, 'posts'),
      Comment: conn.model<CommentDoc>('Comment', commentSchema, 'comments'),
      PostDetail: conn.model<PostDetailDoc>('PostDetail', postDetailSchema, 'post_details'),
      FeedItem: conn.model<FeedItemDoc>('FeedItem', feedItemSchema, 'feed_items'),
      Counter: conn.model<CounterDoc>('Counter', counterSchema, 'counters'),
    };
    cache.set(conn, m);
  }
  return m;
}

/** Every model, in the order the seed fills them. */
export function allModels(conn: Connection): Array<Model<never>> {
  const m = models(conn);
  return [m.User, m.Tag, m.Post, m.Comment, m.PostDetail, m.FeedItem, m.Counter] as unknown as Array<Model<never>>;
}
