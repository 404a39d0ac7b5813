// The GraphQL endpoint of the graphql-* strategies (post-detail and feed), on graphql-js 16, the reference
// implementation: one schema, three resolver sets (naive, dataloader, lookahead), served as clients call GraphQL:
// POST /graphql with {query, variables, operationName}. Documents are parsed and validated once per distinct query
// text and kept (bounded), as production GraphQL servers cache them; every request still coerces its variables and
// executes the operation. Request errors (body, syntax, validation, variables) and a resolver's BadRequest answer 400
// with GraphQL's {errors}; any other resolver error answers 500 (the load counts it as a failure).
import {
  buildSchema,
  execute,
  GraphQLError,
  GraphQLObjectType,
  parse,
  validate,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLFieldResolver,
  type GraphQLSchema,
} from 'graphql';
import type { Ctx } from '../../../src/core/context.ts';
import { BadRequest } from '../../../src/core/errors.ts';
import type { RawParams, Wire } from '../../../src/core/scenario.ts';

export const SDL = `
type User { id: Int!, username: String!, displayName: String! }
type Tag { name: String! }
type Comment { id: Int!, body: String!, createdAt: String!, author: User! }
type Post {
  id: Int!
  title: String!
  body: String!
  createdAt: String!
  author: User!
  tags: [Tag!]!
  comments: [Comment!]!
  commentCount: Int!
}
type FeedPage { page: Int!, posts: [Post!]! }
type Query {
  post(id: Int!): Post
  feed(page: Int! = 1): FeedPage!
}`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Resolvers<C> = Record<string, Record<string, GraphQLFieldResolver<any, C>>>;

/** The schema with these resolvers on its fields (fields without one read the property of their name). */
export function schemaWith<C>(resolvers: Resolvers<C>): GraphQLSchema {
  const schema = buildSchema(SDL);
  for (const [typeName, fields] of Object.entries(resolvers)) {
    const type = schema.getType(typeName);
    if (!(type instanceof GraphQLObjectType)) throw new Error(`no object type ${typeName}`);
    for (const [field, resolve] of Object.entries(fields)) {
      const f = type.getFields()[field];
      if (!f) throw new Error(`no field ${typeName}.${field}`);
      f.resolve = resolve;
    }
  }
  return schema;
}

const MAX_DOCUMENTS = 100;

const reply = (status: number, value: unknown): { status: number; body: string } => ({ status, body: JSON.stringify(value) });
const errors = (status: number, list: readonly GraphQLError[]) => reply(status, { errors: list.map((e) => e.toJSON()) });

/** Executes GraphQL requests against one schema, with a per-request context (the DataLoader set lives there). */
export function graphqlExecutor<C>(schema: GraphQLSchema, contextFor: (ctx: Ctx) => C) {
  const documents = new Map<string, DocumentNode>();
  const documentOf = (query: string): DocumentNode | readonly GraphQLError[] => {
    const known = documents.get(query);
    if (known) return known;
    let doc: DocumentNode;
    try {
      doc = parse(query);
    } catch (e) {
      return [e instanceof GraphQLError ? e : new GraphQLError(String(e))];
    }
    const invalid = validate(schema, doc);
    if (invalid.length > 0) return invalid;
    if (documents.size >= MAX_DOCUMENTS) documents.delete(documents.keys().next().value as string);
    documents.set(query, doc);
    return doc;
  };
  return async (body: string, ctx: Ctx): Promise<{ status: number; body: string }> => {
    let req: { query?: unknown; variables?: unknown; operationName?: unknown };
    try {
      req = JSON.parse(body) as typeof req;
    } catch {
      return errors(400, [new GraphQLError('body must be JSON: {"query": ..., "variables": {...}}')]);
    }
    if (!req || typeof req !== 'object' || typeof req.query !== 'string') return errors(400, [new GraphQLError('query must be a string')]);
    const { variables = {}, operationName } = req;
    if (typeof variables !== 'object' || Array.isArray(variables)) return errors(400, [new GraphQLError('variables must be an object')]);
    if (operationName != null && typeof operationName !== 'string')
      return errors(400, [new GraphQLError('operationName must be a string')]);
    const doc = documentOf(req.query);
    if (!('kind' in doc)) return errors(400, doc);
    const result: ExecutionResult = await execute({
      schema,
      document: doc,
      variableValues: variables as Record<string, unknown>,
      operationName: operationName ?? undefined,
      contextValue: contextFor(ctx),
    });
    if (!result.errors) return reply(200, result);
    // No data at all: the request itself was bad (variables that do not coerce, no such operation).
    if (!('data' in result) || result.data === undefined) return reply(400, result);
    return reply(result.errors.some((e) => e.originalError instanceof BadRequest) ? 400 : 500, result);
  };
}

/**
 * A GraphQL wire for one scenario: the operation a client of that endpoint sends, its variables from the load's URL
 * params, and the mapping of `data` back onto the REST contract (for verification only; the load gets GraphQL's reply).
 */
export function graphqlWire<C>(opts: {
  execute: ReturnType<typeof graphqlExecutor<C>>;
  operation: string;
  variables: (params: RawParams) => Record<string, unknown>;
  /** `data` → the REST payload, or null for the REST route's 404. */
  toRest: (data: Record<string, unknown>) => unknown;
}): Wire {
  return {
    label: 'POST /graphql with the operation and its variables',
    route: { method: 'POST', path: '/graphql' },
    request: (params) => ({
      method: 'POST',
      path: '/graphql',
      body: JSON.stringify({ query: opts.operation, variables: opts.variables(params) }),
    }),
    serve: (body, ctx) => opts.execute(body, ctx),
    toRest: (r) => {
      if (r.status !== 200) return r.status >= 500 ? r : reply(400, { error: r.body });
      const payload = opts.toRest((JSON.parse(r.body) as { data: Record<string, unknown> }).data);
      return payload === null ? reply(404, { error: 'not found' }) : reply(200, payload);
    },
  };
}

/** A URL param as a GraphQL Int variable: a decimal integer as a number, anything else as given (GraphQL refuses it). */
export const intVariable = (v: string | undefined): unknown => (v !== undefined && /^-?\d{1,10}$/.test(v) ? Number(v) : v);

/**
 * The REST route of a GraphQL strategy (GET /posts/:id, what the mixed load and the stale-read probe call): the same
 * operation through the same executor, mapped to the REST payload. The load and verification use the wire.
 */
export async function restThroughGraphql(wire: Wire, params: RawParams, ctx: Ctx): Promise<unknown> {
  const req = wire.request(params);
  const r = wire.toRest(await wire.serve(req.body ?? '', ctx));
  if (r.status === 404) return null;
  if (r.status === 400) throw new BadRequest(r.body);
  if (r.status !== 200) throw new Error(r.body);
  return JSON.parse(r.body) as unknown;
}
