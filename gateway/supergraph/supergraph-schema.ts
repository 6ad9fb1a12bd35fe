import { DEFAULT_SUPPORTED_SUPERGRAPH_FEATURES, Supergraph } from '@apollo/federation-internals';
import { QueryPlanner } from '@apollo/query-planner';
import type { GraphQLSchema } from 'graphql';
import type { SubgraphEndpoint } from '../config';
import { ENFORCED_SECURITY_FEATURES } from '../policy/accept-security-features';

/**
 * The features a supergraph may link for this gateway: Apollo's own, plus the
 * `for: SECURITY` ones PatientGraph enforces at the edge (policy/). The same set
 * the gateway accepts at load (policy/accept-security-features.ts), so a file
 * that passes here also loads there.
 */
export const SUPPORTED_SUPERGRAPH_FEATURES: ReadonlySet<string> = new Set([
  ...DEFAULT_SUPPORTED_SUPERGRAPH_FEATURES,
  ...ENFORCED_SECURITY_FEATURES,
]);

export class InvalidSupergraphError extends Error {
  constructor(reason: string) {
    super(`Not a valid Federation 2 supergraph: ${reason}`);
    this.name = 'InvalidSupergraphError';
  }
}

export interface LoadedSupergraph {
  sdl: string;
  /** The subgraphs the supergraph routes to (its `join__Graph` values), in file order. */
  subgraphs: SubgraphEndpoint[];
  /** What clients can query (no `@inaccessible` elements, no federation internals). */
  apiSchema: GraphQLSchema;
}

/**
 * Parses and validates a composed supergraph the way the gateway will load it
 * (Apollo's Supergraph.build with validation on), and derives what the
 * supergraph tooling needs: its subgraph list and its API schema. With
 * `plan: true` it also builds a query planner over it, the last step of a
 * gateway update that can fail: @apollo/gateway assigns the new API schema
 * before it builds the planner, so a supergraph that fails there would leave a
 * running gateway half updated. Throws InvalidSupergraphError with Apollo's reason.
 */
export function loadSupergraph(sdl: string, options: { plan?: boolean } = {}): LoadedSupergraph {
  if (sdl.trim() === '') throw new InvalidSupergraphError('the file is empty');
  let supergraph: Supergraph;
  try {
    supergraph = Supergraph.build(sdl, {
      supportedFeatures: new Set(SUPPORTED_SUPERGRAPH_FEATURES),
      validateSupergraph: true,
    });
  } catch (error) {
    throw new InvalidSupergraphError((error as Error).message);
  }
  const subgraphs = supergraph.subgraphsMetadata().map(({ name, url }) => ({ name, url }));
  if (subgraphs.length === 0) throw new InvalidSupergraphError('it names no subgraph');
  let apiSchema: GraphQLSchema;
  try {
    apiSchema = supergraph.apiSchema().toGraphQLJSSchema();
  } catch (error) {
    throw new InvalidSupergraphError(`its API schema cannot be built: ${(error as Error).message}`);
  }
  if (options.plan) {
    try {
      new QueryPlanner(supergraph);
    } catch (error) {
      throw new InvalidSupergraphError(`it cannot be planned over: ${(error as Error).message}`);
    }
  }
  return { sdl, subgraphs, apiSchema };
}
