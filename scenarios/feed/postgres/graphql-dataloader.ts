// graphql-dataloader — graphql-naive's feed schema and resolvers with every lookup going through a DataLoader (one
// loader set per request): the page's authors, comment counts and tag links are fetched with one `= ANY($1)` query
// each, then its tags with one more: 4–5 queries for a page of 20 posts instead of ~100. The load sends POST /graphql.
// It is the standard fix of GraphQL's N+1, keeping resolvers per field; it costs a round trip per level and the
// loaders' bookkeeping per request.
import { defineStrategy } from '../../../src/core/scenario.ts';
import { insertComment } from '../../shared/pg-comment-write.ts';
import { dataloaderSchema, loadersFor } from '../../shared/graphql/dataloader.ts';
import { restThroughGraphql } from '../../shared/graphql/server.ts';
import { commentedPost, type FeedPage, type NewComment, type Params } from '../contract.ts';
import { feedWire } from '../lib/graphql.ts';

const wire = feedWire(dataloaderSchema, loadersFor);

export default defineStrategy<Params, NewComment, FeedPage>({
  name: 'graphql-dataloader',
  technique: 'graphql',
  client: 'pg',
  needs: ['postgres'],
  runIn: ['full'],
  // The page; then its authors, comment counts and tag links (3); then its tags (1) when any post has one.
  expectQueries: (f) => ((f.posts ?? 0) > 0 ? 4 + ((f.postTags ?? 0) > 0 ? 1 : 0) : 1),
  parity: { preparedStatements: true, wire: wire.label, documentCache: true, loaders: 'per request', comparedWith: 'graphql-naive' },
  wire,
  read: async ({ page }, ctx) => (await restThroughGraphql(wire, { page: String(page) }, ctx)) as FeedPage,
  write: (params, comment, ctx) => insertComment(ctx.pg, commentedPost(params), comment),
});
