import gql from 'graphql-tag';
import type { FederationBenchData } from '../fixtures';
import type { SubgraphDefinition } from './subgraph-definition';

/** Port of the reference `subgraphs/products.rs`: owns name, price and weight. */
export function productsSubgraph(data: FederationBenchData): SubgraphDefinition {
  return {
    name: 'products',
    typeDefs: gql`
      extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])

      type Query {
        topProducts(first: Int = 5): [Product]
      }

      type Product @key(fields: "upc") {
        upc: String!
        name: String
        price: Int
        weight: Int
      }
    `,
    resolvers: {
      Query: {
        topProducts: (_: unknown, args: { first?: number | null }) =>
          data.products.slice(0, Math.max(0, args.first ?? 5)),
      },
      Product: {
        __resolveReference: (ref: { upc: string }) =>
          data.products.find((p) => p.upc === ref.upc) ?? null,
      },
    },
  };
}
