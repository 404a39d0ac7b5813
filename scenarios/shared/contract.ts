// What several scenarios' contracts share: the user a payload refers to (post-detail, feed) and the add-comment
// write's body and reply (POST /posts/:id/comments, the write of post-detail, feed and mixed). Each scenario's
// contract re-exports what its strategies use, so a strategy imports its types from one place.

export interface UserRef {
  id: number;
  username: string;
  displayName: string;
}

/** POST /posts/:id/comments — the write of the mixed load. */
export interface NewComment {
  authorId: number;
  body: string;
}

/** What a write returns (201): the stored comment. */
export interface CreatedComment {
  id: number;
  postId: number;
  authorId: number;
  body: string;
  createdAt: string;
}
