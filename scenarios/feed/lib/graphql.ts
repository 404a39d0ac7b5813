// feed as a GraphQL client asks for it: the operation the graphql-* strategies are sent (POST /graphql, the page as
// a variable) and its `data` mapped onto the REST payload, for verification. Tags come back as objects in the order
// the resolvers produced them; the REST contract has their names in byte order, so the mapping sorts them.
import type { GraphQLSchema } from 'graphql';
import type { Ctx } from '../../../src/core/context.ts';
import type { Wire } from '../../../src/core/scenario.ts';
import { graphqlExecutor, graphqlWire, intVariable } from '../../shared/graphql/server.ts';
import type { FeedItem, FeedPage } from '../contract.ts';

export const FEED_OPERATION = `query Feed($page: Int!) {
  feed(page: $page) {
    page
    posts { id title createdAt author { id username displayName } commentCount tags { name } }
  }
}`;

type Item = Omit<FeedItem, 'tags'> & { tags: Array<{ name: string }> };

export function feedWire<C>(schema: GraphQLSchema, contextFor: (ctx: Ctx) => C): Wire {
  return graphqlWire({
    execute: graphqlExecutor(schema, contextFor),
    operation: FEED_OPERATION,
    // The REST route's page defaults to 1 when absent; the load always sends one.
    variables: (p) => ({ page: p.page === undefined ? 1 : intVariable(p.page) }),
    toRest: (data) => {
      const feed = data.feed as { page: number; posts: Item[] };
      return { page: feed.page, posts: feed.posts.map((p) => ({ ...p, tags: p.tags.map((t) => t.name).sort() })) } satisfies FeedPage;
    },
  });
}
