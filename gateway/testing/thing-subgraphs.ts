import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse, type GraphQLSchema } from 'graphql';
import { composeSupergraph } from '../compose-supergraph';

/**
 * Two tiny Federation 2 subgraphs for the gateway's own tests: `core` owns Thing
 * and lists two of them, `extra` adds a nullable `score` to each. The tests serve
 * them over HTTP their own way (failing, reporting audits...) and federate them.
 */
const LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])';
export const CORE_SDL = `${LINK}
  type Query { things: [Thing!]! }
  type Thing @key(fields: "id") { id: ID! name: String! }`;
export const EXTRA_SDL = `${LINK}
  type Thing @key(fields: "id") { id: ID! score: Int }`;

export const THINGS = [
  { id: '1', name: 'one' },
  { id: '2', name: 'two' },
];

export function thingSchemas(): { core: GraphQLSchema; extra: GraphQLSchema } {
  return {
    core: buildSubgraphSchema({
      typeDefs: parse(CORE_SDL),
      resolvers: { Query: { things: () => THINGS } },
    }),
    extra: buildSubgraphSchema({
      typeDefs: parse(EXTRA_SDL),
      resolvers: { Thing: { __resolveReference: (ref: { id: string }) => ({ ...ref, score: 7 }) } },
    }),
  };
}

/** The GraphQL URL of a server listening on loopback. */
export function graphqlUrlOf(server: http.Server): string {
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
}

/** The supergraph of `core` and `extra` served by these two servers. */
export function thingSupergraph(core: http.Server, extra: http.Server): string {
  return composeSupergraph([
    { name: 'core', url: graphqlUrlOf(core), sdl: CORE_SDL },
    { name: 'extra', url: graphqlUrlOf(extra), sdl: EXTRA_SDL },
  ]).supergraphSdl;
}

/** Both things with `extra`'s field missing, as a gateway answers when `extra` fails. */
export const PARTIAL_THINGS = {
  things: THINGS.map((thing) => ({ ...thing, score: null })),
};
