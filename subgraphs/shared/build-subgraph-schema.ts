import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { parse, type GraphQLSchema } from 'graphql';
import { buildSchema, createResolversMap, type BuildSchemaOptions } from 'type-graphql';

/**
 * The Federation 2 features subgraphs may use. One list for every subgraph (partner
 * ones included) so composition never meets two dialects of the spec.
 */
export const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible", "@tag", "@override", "@interfaceObject", "@policy"])';

/**
 * Reference resolvers by type name. Each takes its own representation and context
 * types; `never[]` parameters accept any such function without resorting to `any`.
 */
export type ReferenceResolvers = Record<
  string,
  { __resolveReference: (...args: never[]) => unknown }
>;

/**
 * Builds a Federation 2 subgraph schema from type-graphql classes: type-graphql
 * produces the schema (with directives from `@Directive`), which is printed and
 * handed to `@apollo/subgraph` together with type-graphql's resolvers (which
 * carry its middlewares, including the consent check) and the reference resolvers.
 */
export async function buildFederatedSchema(
  options: Omit<BuildSchemaOptions, 'skipCheck'>,
  referenceResolvers: ReferenceResolvers = {},
): Promise<GraphQLSchema> {
  const schema = await buildSchema({ ...options, skipCheck: true });
  const typeDefs = parse(`${FEDERATION_LINK}\n${printSchemaWithDirectives(schema)}`);
  const resolvers = createResolversMap(schema) as GraphQLResolverMap<unknown>;
  for (const [typeName, reference] of Object.entries(referenceResolvers)) {
    const existing = (resolvers[typeName] ?? {}) as Record<string, unknown>;
    resolvers[typeName] = { ...existing, ...reference } as GraphQLResolverMap<unknown>[string];
  }
  return buildSubgraphSchema({ typeDefs, resolvers });
}
