// graphql-dataloader — graphql-naive's schema and resolvers, with every row lookup going through a DataLoader
// (one loader set per request): the keys a level of the selection asks for in one tick are fetched with one
// `= ANY($1)` query. post-detail then costs the post; its author, its comments and its tag links; the comment
// authors not already loaded and the tags: 4–6 queries whatever the fan-out. The load sends POST /graphql, as
// graphql-naive's does. It is the standard fix of GraphQL's N+1 and keeps resolvers per field (any selection works);
// it costs a round trip per level of the selection, the loaders' bookkeeping per request, and per-request caches
// that must never be shared between requests.
import { defineStrategy } from '../../../src/core/scenario.ts';
import { insertComment } from '../../shared/pg-comment-write.ts';
import { dataloaderSchema, loadersFor } from '../../shared/graphql/dataloader.ts';
import { restThroughGraphql } from '../../shared/graphql/server.ts';
import type { NewComment, Params, PostDetail } from '../contract.ts';
import { postDetailWire } from '../lib/graphql.ts';

const wire = postDetailWire(dataloaderSchema, loadersFor);

export default defineStrategy<Params, NewComment, PostDetail>({
  name: 'graphql-dataloader',
  technique: 'graphql',
  client: 'pg',
  needs: ['postgres'],
  // The post; then its author, comments and tag links (3); then commenters other than the author (1) and tags (1).
  expectQueries: (f) => (f.exists ? 4 + ((f.otherCommenters ?? 0) > 0 ? 1 : 0) + ((f.tags ?? 0) > 0 ? 1 : 0) : 1),
  parity: { preparedStatements: true, wire: wire.label, documentCache: true, loaders: 'per request', comparedWith: 'graphql-naive' },
  wire,
  read: async ({ id }, ctx) => (await restThroughGraphql(wire, { id: String(id) }, ctx)) as PostDetail | null,
  write: ({ id }, comment, ctx) => insertComment(ctx.pg, id, comment),
});
