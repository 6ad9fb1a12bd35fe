import { composeServices } from '@apollo/composition';
import { printSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { buildEhrFhirSchema } from '../subgraphs/ehr-fhir/server';
import { buildEhrHl7v2Schema } from '../subgraphs/ehr-hl7v2/server';
import { buildIdentitySchema } from '../subgraphs/identity/server';
import { buildWearablesSchema } from '../subgraphs/wearables/server';

/**
 * The four subgraphs compose into one supergraph with Apollo's own composition,
 * without errors, and with no hint we did not decide to accept.
 */
const ACCEPTED_HINTS: Record<string, string> = {};

describe('supergraph composition', () => {
  it('composes the four subgraphs without errors or unaccepted hints', async () => {
    const subgraphs = await Promise.all(
      (
        [
          ['identity', buildIdentitySchema],
          ['ehr-fhir', buildEhrFhirSchema],
          ['ehr-hl7v2', buildEhrHl7v2Schema],
          ['wearables', buildWearablesSchema],
        ] as const
      ).map(async ([name, build]) => ({
        name,
        url: `http://${name}.invalid/graphql`,
        typeDefs: parse(printSubgraphSchema(await build())),
      })),
    );
    const result = composeServices(subgraphs);
    expect(result.errors?.map((e) => e.message)).toBeUndefined();
    const unaccepted = (result.hints ?? [])
      .filter((h) => !(h.definition.code in ACCEPTED_HINTS))
      .map((h) => `${h.definition.code}: ${h.message}`);
    expect(unaccepted).toEqual([]);
    const sdl = result.supergraphSdl!;
    // Sensitive fields say so in the supergraph, for any federation router to read.
    expect(sdl).toContain('@link(url: "https://specs.apollo.dev/policy/v0.1", for: SECURITY)');
    expect(sdl).toMatch(/labResults[^\n]*@policy\(policies: \[\["consent:labs"\]\]\)/);
    // Link keys and consent addresses travel between subgraphs only.
    expect(sdl).toMatch(/linkKeys: \[LinkKey!\]![^\n]*@inaccessible/);
  });
});
