import fs from 'node:fs';
import { COMMITTED_SUPERGRAPH_FILE } from '../cli/supergraph/supergraph-location';
import { checkRegisteredOperations } from '../gateway/supergraph/breaking-changes';
import {
  composePatientGraphSupergraph,
  coreSubgraphEndpoints,
} from '../gateway/supergraph/compose-patientgraph';
import {
  DEFAULT_OPERATIONS_DIR,
  loadOperationRegistry,
} from '../gateway/supergraph/operation-registry';
import { supergraphFileText } from '../gateway/supergraph/supergraph-file';
import { loadSupergraph } from '../gateway/supergraph/supergraph-schema';

/**
 * gateway/supergraph.graphql is the supergraph under version control: it must be
 * exactly what the subgraphs' code composes to (run `npx patientgraph supergraph
 * compose` after changing a subgraph's schema, and commit the result), it must
 * load in the gateway, and the registered client operations must be valid on it.
 */
describe('the committed supergraph', () => {
  const committed = fs.readFileSync(COMMITTED_SUPERGRAPH_FILE, 'utf8');

  it('is what the code composes to (else run `npx patientgraph supergraph compose`)', async () => {
    const composed = await composePatientGraphSupergraph(coreSubgraphEndpoints());
    const expected = supergraphFileText(composed.supergraphSdl, 'supergraph compose');
    // A one-line verdict: a diff of two 1000-line files would bury the remedy.
    expect(
      committed === expected
        ? 'up to date'
        : 'stale: run `npx patientgraph supergraph compose` and commit gateway/supergraph.graphql',
    ).toBe('up to date');
  });

  it('loads in the gateway and routes to the default ports', () => {
    const loaded = loadSupergraph(committed, { plan: true });
    expect(Object.fromEntries(loaded.subgraphs.map((s) => [s.name, s.url]))).toEqual({
      identity: 'http://127.0.0.1:4001/graphql',
      'ehr-fhir': 'http://127.0.0.1:4002/graphql',
      'ehr-hl7v2': 'http://127.0.0.1:4003/graphql',
      wearables: 'http://127.0.0.1:4004/graphql',
    });
  });

  it('accepts every registered client operation', () => {
    const registry = loadOperationRegistry([DEFAULT_OPERATIONS_DIR]);
    expect(registry.problems).toEqual([]);
    expect(registry.operations.length).toBeGreaterThan(0);
    const { apiSchema } = loadSupergraph(committed);
    const { alreadyInvalid } = checkRegisteredOperations(registry.operations, apiSchema, apiSchema);
    expect(alreadyInvalid).toEqual([]);
  });
});
