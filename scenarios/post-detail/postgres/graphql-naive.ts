// graphql-naive — post-detail behind a GraphQL endpoint (graphql-js 16) with resolvers as they are first written:
// each field that leads to another row queries for it, once per parent (Comment.author once per comment, Tag.name
// once per tag). The load sends what a GraphQL client sends, POST /graphql with the operation and the post id as a
// variable; the document is parsed and validated once and cached, as GraphQL servers do. It issues pg-naive's
// 4 + N (comments) + T (tags) statements, concurrently (graphql-js resolves siblings and list items at once, as
// pg-naive-parallel does). Next to pg-naive it isolates what GraphQL execution itself costs in app CPU per request.
// It is where most GraphQL APIs start; it costs the N+1 plus the executor's per-field work.
import { defineStrategy } from '../../../src/core/scenario.ts';
import { insertComment } from '../../shared/pg-comment-write.ts';
import { naiveSchema } from '../../shared/graphql/naive.ts';
import { restThroughGraphql } from '../../shared/graphql/server.ts';
import type { NewComment, Params, PostDetail } from '../contract.ts';
import { postDetailWire } from '../lib/graphql.ts';

const wire = postDetailWire(naiveSchema, (ctx) => ctx);

export default defineStrategy<Params, NewComment, PostDetail>({
  name: 'graphql-naive',
  technique: 'graphql',
  client: 'pg',
  needs: ['postgres'],
  expectQueries: (f) => (f.exists ? 4 + (f.comments ?? 0) + (f.tags ?? 0) : 1),
  parity: { preparedStatements: true, wire: wire.label, documentCache: true, sameQueriesAs: 'pg-naive' },
  wire,
  read: async ({ id }, ctx) => (await restThroughGraphql(wire, { id: String(id) }, ctx)) as PostDetail | null,
  write: ({ id }, comment, ctx) => insertComment(ctx.pg, id, comment),
});
