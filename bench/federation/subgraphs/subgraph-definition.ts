import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type { DocumentNode } from 'graphql';

/** One benchmark subgraph: plain SDL and resolvers, for `buildSubgraphSchema`. */
export interface SubgraphDefinition {
  name: 'accounts' | 'inventory' | 'products' | 'reviews';
  typeDefs: DocumentNode;
  resolvers: GraphQLResolverMap<unknown>;
}
