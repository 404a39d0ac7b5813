// mongoose-naive — Mongoose used the way most code first uses it: findById the post, findById its author, find its
// comments, then findById each comment's author one at a time in a loop, then find the tags by id; hydrated
// documents throughout. 4 + N commands per request (N comments). It is what a team gets by default; it costs a
// round trip per comment, and the cost grows with the fan-out.
import { isoMs } from '../../../src/core/params.ts';
import { defineStrategy } from '../../../src/core/scenario.ts';
import { models } from '../../../datasets/mongo/models.ts';
import { ONE_BATCH, present, userRef } from '../../shared/mongo-payload.ts';
import { mongoAddComment } from '../../shared/mongo-comment-write.ts';
import type { NewComment, Params, PostDetail } from '../contract.ts';

export default defineStrategy<Params, NewComment, PostDetail>({
  name: 'mongoose-naive',
  technique: 'naive',
  client: 'mongoose',
  needs: ['mongo'],
  // The tag query runs even for a post without tags (`$in: []`), as unguarded code does.
  expectQueries: (f) => (f.exists ? 4 + (f.comments ?? 0) : 1),
  parity: { lean: false },
  read: async ({ id }, { mongo }) => {
    const { Post, User, Comment, Tag } = models(mongo);
    const post = await Post.findById(id);
    if (!post) return null;
    const author = present(await User.findById(post.authorId), `user ${post.authorId}`);
    const comments = await Comment.find({ postId: id }).sort({ createdAt: 1, _id: 1 }).batchSize(ONE_BATCH);
    const outComments: PostDetail['comments'] = [];
    for (const c of comments) {
      const commenter = present(await User.findById(c.authorId), `user ${c.authorId}`);
      outComments.push({ id: c._id, body: c.body, createdAt: isoMs(c.createdAt), author: userRef(commenter) });
    }
    const tags = await Tag.find({ _id: { $in: post.tagIds } });
    return {
      id: post._id,
      title: post.title,
      body: post.body,
      createdAt: isoMs(post.createdAt),
      author: userRef(author),
      tags: tags.map((t) => t.name).sort(),
      comments: outComments,
    };
  },
  write: ({ id }, comment, { mongo }) => mongoAddComment(mongo, id, comment),
});
