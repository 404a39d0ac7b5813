// Seeds MongoDB with the same generated rows as PostgreSQL: drops the database, creates the collections and the
// indexes the schemas declare, bulk-inserts the rows (unordered insertMany in batches), then builds the
// denormalized read models from the in-memory dataset — not from the database — so building them costs no queries.
// New comment ids come from a counter document (`counters`, `_id: 'comments'`) set to the largest seeded id: an
// atomic $inc per write gives ids that never collide with seeded ones, as PostgreSQL's identity sequence does.
// MongoDB and PostgreSQL are separate stores, so the same id may later name different new comments in each.
import mongoose from 'mongoose';
import type { Dataset } from '../../datasets/generator.ts';
import { allModels, models, type FeedItemDoc, type PostDetailDoc, type UserSnapshot } from '../../datasets/mongo/models.ts';

export interface MongoSeedStats {
  docs: number;
  seconds: number;
}

const BATCH = 1000;

async function insertAll(coll: mongoose.Collection, docs: object[]): Promise<void> {
  // Driver-level insertMany: the documents are already in their stored shape, so Mongoose casting and validation
  // would only cost time. Unordered: the server need not stop at (or serialize around) the first failure.
  for (let i = 0; i < docs.length; i += BATCH) await coll.insertMany(docs.slice(i, i + BATCH), { ordered: false });
}

/** The post_details documents: every comment (with its author snapshot) in (createdAt, id) order, tags by name. */
export function buildPostDetails(ds: Dataset): PostDetailDoc[] {
  const snapshot = new Map<number, UserSnapshot>(
    ds.users.map((u) => [u.id, { id: u.id, username: u.username, displayName: u.displayName }]),
  );
  const snap = (id: number): UserSnapshot => {
    const s = snapshot.get(id);
    if (!s) throw new Error(`dataset references unknown user ${id}`);
    return s;
  };
  const tagName = new Map(ds.tags.map((t) => [t.id, t.name]));
  const tagsOf = new Map<number, string[]>();
  for (const pt of ds.postTags) {
    const list = tagsOf.get(pt.postId) ?? [];
    list.push(tagName.get(pt.tagId) as string);
    tagsOf.set(pt.postId, list);
  }
  const commentsOf = new Map<number, Dataset['comments']>();
  for (const c of ds.comments) {
    const list = commentsOf.get(c.postId) ?? [];
    list.push(c);
    commentsOf.set(c.postId, list);
  }
  return ds.posts.map((p) => {
    const comments = (commentsOf.get(p.id) ?? []).slice().sort((a, b) => a.createdAt - b.createdAt || a.id - b.id);
    const last = comments[comments.length - 1];
    return {
      _id: p.id,
      title: p.title,
      body: p.body,
      createdAt: new Date(p.createdAt),
      author: snap(p.authorId),
      // Tag names are ASCII: the default sort is byte order, as the payload contract says.
      tags: (tagsOf.get(p.id) ?? []).sort(),
      comments: comments.map((c) => ({ id: c.id, body: c.body, createdAt: new Date(c.createdAt), author: snap(c.authorId) })),
      // A post without comments gets the epoch and id 0, so the ordered-append guard needs no null case.
      lastCommentAt: new Date(last?.createdAt ?? 0),
      lastCommentId: last?.id ?? 0,
    };
  });
}

/** The feed_items documents, derived from post_details: the same snapshot, tags and comment count. */
export function buildFeedItems(details: PostDetailDoc[]): FeedItemDoc[] {
  return details.map((d) => ({
    _id: d._id,
    createdAt: d.createdAt,
    title: d.title,
    author: d.author,
    commentCount: d.comments.length,
    tags: d.tags,
  }));
}

export async function seedMongo(url: string, ds: Dataset): Promise<MongoSeedStats> {
  const t0 = performance.now();
  const conn = mongoose.createConnection(url, { serverSelectionTimeoutMS: 5000 });
  try {
    await conn.asPromise();
    await conn.dropDatabase();
    for (const m of allModels(conn)) {
      await m.createCollection();
      await m.createIndexes();
    }
    const m = models(conn);
    const tagIds = new Map<number, number[]>();
    for (const pt of ds.postTags) {
      const list = tagIds.get(pt.postId) ?? [];
      list.push(pt.tagId);
      tagIds.set(pt.postId, list);
    }
    const users = ds.users.map((u) => ({
      _id: u.id,
      username: u.username,
      displayName: u.displayName,
      email: u.email,
      bio: u.bio,
      createdAt: new Date(u.createdAt),
    }));
    const tags = ds.tags.map((t) => ({ _id: t.id, name: t.name }));
    const posts = ds.posts.map((p) => ({
      _id: p.id,
      authorId: p.authorId,
      title: p.title,
      body: p.body,
      createdAt: new Date(p.createdAt),
      tagIds: tagIds.get(p.id) ?? [],
    }));
    const comments = ds.comments.map((c) => ({
      _id: c.id,
      postId: c.postId,
      authorId: c.authorId,
      body: c.body,
      createdAt: new Date(c.createdAt),
    }));
    const details = buildPostDetails(ds);
    const feedItems = buildFeedItems(details);
    const maxCommentId = ds.comments.reduce((max, c) => Math.max(max, c.id), 0);
    const counters = [{ _id: 'comments', seq: maxCommentId }];
    // One collection after another: FerretDB's SQLite backend has a single writer, and on MongoDB the batches of
    // one collection already keep the server busy.
    await insertAll(m.User.collection, users);
    await insertAll(m.Tag.collection, tags);
    await insertAll(m.Post.collection, posts);
    await insertAll(m.Comment.collection, comments);
    await insertAll(m.PostDetail.collection, details);
    await insertAll(m.FeedItem.collection, feedItems);
    await insertAll(m.Counter.collection, counters);
    const docs = users.length + tags.length + posts.length + comments.length + details.length + feedItems.length + counters.length;
    return { docs, seconds: (performance.now() - t0) / 1000 };
  } finally {
    await conn.close();
  }
}
