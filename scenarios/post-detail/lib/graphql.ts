// post-detail as a GraphQL client asks for it: the operation the graphql-* strategies are sent (POST /graphql, the
// post id as a variable) and its `data` mapped onto the REST payload, for verification. Tags come back as objects in
// the order the resolvers produced them; the REST contract has their names in byte order, so the mapping sorts them.
import type { GraphQLSchema } from 'graphql';
import type { Ctx } from '../../../src/core/context.ts';
import type { Wire } from '../../../src/core/scenario.ts';
import { graphqlExecutor, graphqlWire, intVariable } from '../../shared/graphql/server.ts';
import type { PostDetail } from '../contract.ts';

export const POST_DETAIL_OPERATION = `query PostDetail($id: Int!) {
  post(id: $id) {
    id
    title
    body
    createdAt
    author { id username displayName }
    tags { name }
    comments { id body createdAt author { id username displayName } }
  }
}`;

type Reply = Omit<PostDetail, 'tags'> & { tags: Array<{ name: string }> };

export function postDetailWire<C>(schema: GraphQLSchema, contextFor: (ctx: Ctx) => C): Wire {
  return graphqlWire({
    execute: graphqlExecutor(schema, contextFor),
    operation: POST_DETAIL_OPERATION,
    variables: (p) => ({ id: intVariable(p.id) }),
    toRest: (data) => {
      const post = data.post as Reply | null;
      return post && { ...post, tags: post.tags.map((t) => t.name).sort() };
    },
  });
}
