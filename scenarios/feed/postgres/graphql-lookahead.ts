// graphql-lookahead — the feed's GraphQL endpoint with a root resolver that reads the selection from the resolve
// info and answers it with ONE SQL statement building that JSON (the page cut from the (created_at, id) index first,
// as pg-join does); the fields below read properties. One query per request; the load sends POST /graphql.
// Next to pg-join it isolates GraphQL's own execution cost. A team chooses it for a few hot operations; it costs a
// SQL builder that must follow the schema, and resolvers that no longer hold field-level logic.
import { defineStrategy } from '../../../src/core/scenario.ts';
import { insertComment } from '../../shared/pg-comment-write.ts';
import { lookaheadSchema } from '../../shared/graphql/lookahead.ts';
import { restThroughGraphql } from '../../shared/graphql/server.ts';
import { commentedPost, type FeedPage, type NewComment, type Params } from '../contract.ts';
import { feedWire } from '../lib/graphql.ts';

const wire = feedWire(lookaheadSchema, (ctx) => ctx);

export default defineStrategy<Params, NewComment, FeedPage>({
  name: 'graphql-lookahead',
  technique: 'graphql',
  client: 'pg',
  needs: ['postgres'],
  runIn: ['full'],
  expectQueries: () => 1,
  parity: { preparedStatements: true, wire: wire.label, documentCache: true, sameQueriesAs: 'pg-join' },
  wire,
  read: async ({ page }, ctx) => (await restThroughGraphql(wire, { page: String(page) }, ctx)) as FeedPage,
  write: (params, comment, ctx) => insertComment(ctx.pg, commentedPost(params), comment),
});
