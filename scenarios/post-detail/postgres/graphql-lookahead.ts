// graphql-lookahead — the GraphQL endpoint of graphql-naive, with a root resolver that reads the whole selection
// from the resolve info and answers it with ONE SQL statement building exactly that JSON tree (as pg-join does);
// the fields below read properties. One query per request whatever the fan-out; the load sends POST /graphql.
// Next to pg-join (one statement of the same shape over REST) it isolates GraphQL's own execution cost: parsing is
// cached, so what remains is variable coercion, walking the selection and completing every field of the reply.
// A team chooses it when a few hot operations dominate; it costs a SQL builder that must follow the schema (every
// new field needs its SQL), and field-level authorization or computed fields no longer live in resolvers.
import { defineStrategy } from '../../../src/core/scenario.ts';
import { insertComment } from '../../shared/pg-comment-write.ts';
import { lookaheadSchema } from '../../shared/graphql/lookahead.ts';
import { restThroughGraphql } from '../../shared/graphql/server.ts';
import type { NewComment, Params, PostDetail } from '../contract.ts';
import { postDetailWire } from '../lib/graphql.ts';

const wire = postDetailWire(lookaheadSchema, (ctx) => ctx);

export default defineStrategy<Params, NewComment, PostDetail>({
  name: 'graphql-lookahead',
  technique: 'graphql',
  client: 'pg',
  needs: ['postgres'],
  expectQueries: () => 1,
  parity: { preparedStatements: true, wire: wire.label, documentCache: true, sameQueriesAs: 'pg-join' },
  wire,
  read: async ({ id }, ctx) => (await restThroughGraphql(wire, { id: String(id) }, ctx)) as PostDetail | null,
  write: ({ id }, comment, ctx) => insertComment(ctx.pg, id, comment),
});
