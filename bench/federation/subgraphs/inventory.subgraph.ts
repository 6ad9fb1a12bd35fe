import gql from 'graphql-tag';
import type { FederationBenchData } from '../fixtures';
import type { SubgraphDefinition } from './subgraph-definition';

interface InventoryProduct {
  upc: string;
  inStock: boolean;
  price: number | null;
  weight: number | null;
}

/** The reference formula (`subgraphs/inventory.rs`): free shipping above 1000, else weight / 2. */
export function shippingEstimate(product: {
  price: number | null;
  weight: number | null;
}): number | null {
  if (product.price === null) return null;
  if (product.price > 1000) return 0;
  return product.weight === null ? null : Math.trunc(product.weight / 2);
}

/** Port of the reference `subgraphs/inventory.rs`: owns inStock and shippingEstimate. */
export function inventorySubgraph(data: FederationBenchData): SubgraphDefinition {
  return {
    name: 'inventory',
    typeDefs: gql`
      extend schema
        @link(
          url: "https://specs.apollo.dev/federation/v2.3"
          import: ["@key", "@external", "@requires"]
        )

      type Product @key(fields: "upc") {
        upc: String!
        weight: Int @external
        price: Int @external
        inStock: Boolean
        shippingEstimate: Int @requires(fields: "price weight")
      }
    `,
    resolvers: {
      Product: {
        // Reference quirk, kept so the response matches the benchmark's: the entity is
        // looked up in the inventory table, whose price and weight are always None, and the
        // price and weight the gateway sends for @requires are dropped. Hence
        // shippingEstimate is always null.
        __resolveReference: (ref: { upc: string }): InventoryProduct | null => {
          const row = data.inventory.find((r) => r.upc === ref.upc);
          return row ? { upc: row.upc, inStock: row.inStock, price: null, weight: null } : null;
        },
        shippingEstimate: (product: InventoryProduct) => shippingEstimate(product),
      },
    },
  };
}
