import gql from 'graphql-tag';
import type { BenchUser, FederationBenchData } from '../fixtures';
import type { SubgraphDefinition } from './subgraph-definition';

/** Port of the reference `subgraphs/accounts.rs`: owns User. */
export function accountsSubgraph(data: FederationBenchData): SubgraphDefinition {
  const byId = (id: string): BenchUser | null => data.users.find((u) => u.id === id) ?? null;
  return {
    name: 'accounts',
    typeDefs: gql`
      extend schema
        @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable"])

      type Query {
        me: User
        user(id: ID!): User
        users: [User]
      }

      type User @key(fields: "id") {
        id: ID!
        name: String
        # Shareable: the reviews subgraph @provides it on Review.author.
        username: String @shareable
        birthday: Int
      }
    `,
    resolvers: {
      Query: {
        me: () => data.users[0],
        user: (_: unknown, args: { id: string }) => byId(args.id),
        users: () => data.users,
      },
      User: {
        __resolveReference: (ref: { id: string }) => byId(ref.id),
      },
    },
  };
}
