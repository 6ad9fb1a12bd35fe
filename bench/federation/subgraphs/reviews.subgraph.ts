import gql from 'graphql-tag';
import type { BenchReview, FederationBenchData } from '../fixtures';
import type { SubgraphDefinition } from './subgraph-definition';

interface ReviewsUser {
  id: string;
  username: string;
  reviews: BenchReview[];
}

/** Port of the reference `subgraphs/reviews.rs`, quirks included (see fixtures/SOURCE.md). */
export function reviewsSubgraph(data: FederationBenchData): SubgraphDefinition {
  // The reference hands every user the first two reviews (REVIEWS[0..2]).
  const firstTwo = data.reviews.slice(0, 2);
  return {
    name: 'reviews',
    typeDefs: gql`
      extend schema
        @link(
          url: "https://specs.apollo.dev/federation/v2.3"
          import: ["@key", "@external", "@provides"]
        )

      type Review @key(fields: "id") {
        id: ID!
        body: String
        product: Product
        author: User @provides(fields: "username")
      }

      type User @key(fields: "id") {
        id: ID!
        username: String @external
        reviews: [Review]
      }

      type Product @key(fields: "upc") {
        upc: String!
        reviews: [Review]
      }
    `,
    resolvers: {
      Review: {
        __resolveReference: (ref: { id: string }) =>
          data.reviews.find((r) => r.id === ref.id) ?? null,
        product: (review: BenchReview) => ({ upc: review.productUpc }),
        // Reference quirk: every review's author is user 1, "urigo".
        author: (): ReviewsUser => ({ id: '1', username: 'urigo', reviews: firstTwo }),
      },
      User: {
        // Reference quirk: username "user" (never read: it is @external) and the same two
        // reviews for every user.
        __resolveReference: (ref: { id: string }): ReviewsUser => ({
          id: ref.id,
          username: 'user',
          reviews: firstTwo,
        }),
        reviews: (user: ReviewsUser) => user.reviews,
      },
      Product: {
        __resolveReference: (ref: { upc: string }) => ({ upc: ref.upc }),
        reviews: (product: { upc: string }) =>
          data.reviews.filter((r) => r.productUpc === product.upc),
      },
    },
  };
}
