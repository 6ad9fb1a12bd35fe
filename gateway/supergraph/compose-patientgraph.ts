import { printSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLSchema } from 'graphql';
import { composeSupergraph, type ComposedSupergraph } from '../compose-supergraph';
import { DEFAULT_SUBGRAPHS, parseSubgraphList, type SubgraphEndpoint } from '../config';

/** PatientGraph's own subgraphs, in the order they are composed. */
export const CORE_SUBGRAPHS = ['identity', 'ehr-fhir', 'ehr-hl7v2', 'wearables'] as const;
export type CoreSubgraph = (typeof CORE_SUBGRAPHS)[number];

/** Builders are imported on use: each pulls in its subgraph's whole resolver tree. */
const BUILDERS: Record<CoreSubgraph, () => Promise<GraphQLSchema>> = {
  identity: async () => (await import('../../subgraphs/identity/server')).buildIdentitySchema(),
  'ehr-fhir': async () => (await import('../../subgraphs/ehr-fhir/server')).buildEhrFhirSchema(),
  'ehr-hl7v2': async () => (await import('../../subgraphs/ehr-hl7v2/server')).buildEhrHl7v2Schema(),
  wearables: async () => (await import('../../subgraphs/wearables/server')).buildWearablesSchema(),
};

const isCore = (name: string): name is CoreSubgraph =>
  (CORE_SUBGRAPHS as readonly string[]).includes(name);

/**
 * Where the gateway will reach each core subgraph: `SUBGRAPHS` entries
 * (`name=url,...`, as the gateway reads them) override the default ports. Only
 * core subgraphs can be built in-process; partners join with `subgraph add`.
 */
export function coreSubgraphEndpoints(subgraphsEnv?: string): SubgraphEndpoint[] {
  const defaults = parseSubgraphList(DEFAULT_SUBGRAPHS).endpoints;
  const given = parseSubgraphList(subgraphsEnv ?? '');
  if (given.problems.length) throw new Error(given.problems.join('\n'));
  const foreign = given.endpoints.filter((e) => !isCore(e.name)).map((e) => e.name);
  if (foreign.length) {
    throw new Error(
      `supergraph compose builds PatientGraph's own subgraphs (${CORE_SUBGRAPHS.join(', ')}); ` +
        `add ${foreign.join(', ')} with \`npx patientgraph subgraph add <name> <url>\``,
    );
  }
  return CORE_SUBGRAPHS.map(
    (name) =>
      given.endpoints.find((e) => e.name === name) ?? defaults.find((e) => e.name === name)!,
  );
}

/**
 * Composes PatientGraph's supergraph from the code, without starting anything:
 * each subgraph's schema is built in this process and printed as its `_service`
 * SDL would be, then composed with Apollo's composition library.
 */
export async function composePatientGraphSupergraph(
  endpoints: SubgraphEndpoint[] = coreSubgraphEndpoints(),
): Promise<ComposedSupergraph> {
  const sdl = [];
  for (const endpoint of endpoints) {
    if (!isCore(endpoint.name)) throw new Error(`${endpoint.name} is not a core subgraph`);
    sdl.push({ ...endpoint, sdl: printSubgraphSchema(await BUILDERS[endpoint.name]()) });
  }
  return composeSupergraph(sdl);
}
