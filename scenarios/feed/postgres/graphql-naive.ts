// graphql-naive — the feed behind a GraphQL endpoint (graphql-js 16) with resolvers as first written: the page's
// posts, then per post its author, its comment count and its tag links, then each tag, one query per field per
// parent: 1 + 3·posts + post_tags queries, pg-naive's count (its statements read whole user rows, as post-detail's
// pg-naive does), sent concurrently as graphql-js resolves siblings and list items at once. The load sends POST
// /graphql with the operation and the page as a variable; the document is parsed and validated once and cached.
// It is where most GraphQL APIs start; it costs the N+1 plus the executor's per-field work.
import { defineStrategy } from '../../../src/core/scenario.ts';
import { insertComment } from '../../shared/pg-comment-write.ts';
import { naiveSchema } from '../../shared/graphql/naive.ts';
import { restThroughGraphql } from '../../shared/graphql/server.ts';
import { commentedPost, type FeedPage, type NewComment, type Params } from '../contract.ts';
import { feedWire } from '../lib/graphql.ts';

const wire = feedWire(naiveSchema, (ctx) => ctx);

export default defineStrategy<Params, NewComment, FeedPage>({
  name: 'graphql-naive',
  technique: 'graphql',
  client: 'pg',
  needs: ['postgres'],
  runIn: ['full'],
  expectQueries: (f) => 1 + 3 * (f.posts ?? 0) + (f.postTags ?? 0),
  parity: { preparedStatements: true, wire: wire.label, documentCache: true, sameQueriesAs: 'pg-naive' },
  wire,
  read: async ({ page }, ctx) => (await restThroughGraphql(wire, { page: String(page) }, ctx)) as FeedPage,
  write: (params, comment, ctx) => insertComment(ctx.pg, commentedPost(params), comment),
});
