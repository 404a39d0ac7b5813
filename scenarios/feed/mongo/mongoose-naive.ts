// mongoose-naive — a first version of the feed in Mongoose: find the page, then for each post await its author
// (findById), its comment count (countDocuments) and its tags (find by the post's tagIds); hydrated documents.
// 1 + 3·posts commands per page. It is what a team gets by default; it costs three round trips per row.
import { isoMs } from '../../../src/core/params.ts';
import { defineStrategy } from '../../../src/core/scenario.ts';
import { models } from '../../../datasets/mongo/models.ts';
import { present, userRef } from '../../shared/mongo-payload.ts';
import { mongoAddComment } from '../../shared/mongo-comment-write.ts';
import { commentedPost, offsetOf, PAGE_SIZE, type FeedItem, type FeedPage, type NewComment, type Params } from '../contract.ts';

export default defineStrategy<Params, NewComment, FeedPage>({
  name: 'mongoose-naive',
  technique: 'naive',
  client: 'mongoose',
  needs: ['mongo'],
  // The tag query runs even for a post without tags (`$in: []`), as unguarded code does.
  expectQueries: (f) => 1 + 3 * (f.posts ?? 0),
  parity: { lean: false },
  read: async ({ page }, { mongo }) => {
    const { Post, User, Comment, Tag } = models(mongo);
    const posts = await Post.find().sort({ createdAt: -1, _id: -1 }).skip(offsetOf(page)).limit(PAGE_SIZE);
    const out: FeedItem[] = [];
    for (const p of posts) {
      const author = present(await User.findById(p.authorId), `user ${p.authorId}`);
      const commentCount = await Comment.countDocuments({ postId: p._id });
      const tags = await Tag.find({ _id: { $in: p.tagIds } });
      out.push({
        id: p._id,
        title: p.title,
        createdAt: isoMs(p.createdAt),
        author: userRef(author),
        commentCount,
        tags: tags.map((t) => t.name).sort(),
      });
    }
    return { page, posts: out };
  },
  write: (params, comment, { mongo }) => mongoAddComment(mongo, commentedPost(params), comment),
});
