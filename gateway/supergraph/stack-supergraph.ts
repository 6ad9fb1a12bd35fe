import { decodePem } from '../../subgraphs/shared/config/dev-secrets';
import { loadPrivateKey } from '../../subgraphs/shared/identity-assertion';
import {
  composeSupergraph,
  fetchAllSubgraphSdl,
  fetchSubgraphSdl,
  type SubgraphSdl,
} from '../compose-supergraph';
import type { SubgraphEndpoint } from '../config';
import {
  readSupergraphFile,
  stackSupergraphFile,
  supergraphFileText,
  writeSupergraphFileAtomic,
} from './supergraph-file';
import { loadSupergraph } from './supergraph-schema';

/** Partner subgraphs recorded in a previous run's supergraph file. */
function partnersOf(file: string, core: readonly SubgraphEndpoint[]): SubgraphEndpoint[] {
  try {
    const { subgraphs } = loadSupergraph(readSupergraphFile(file));
    return subgraphs.filter((s) => !core.some((c) => c.name === s.name));
  } catch {
    return []; // no file yet, or one that no longer loads: start from the core
  }
}

/**
 * The supergraph file of a local stack (`<home>/supergraph.graphql`), composed
 * when the stack starts, from its running subgraphs (their ports change from run
 * to run). Partner subgraphs added earlier with `subgraph add` stay in it while
 * they answer; one that is down or no longer composes is left out, and said so.
 * The gateway serves this file and follows it, so `subgraph add` works against
 * a running stack.
 */
export async function writeStackSupergraph(options: {
  home: string;
  /** The stack's own subgraphs, with their GraphQL URLs. */
  subgraphs: SubgraphEndpoint[];
  assertionPrivateKeyPem: string;
  onProgress?: (message: string) => void;
}): Promise<string> {
  const progress = options.onProgress ?? (() => undefined);
  const file = stackSupergraphFile(options.home);
  const privateKey = loadPrivateKey(decodePem(options.assertionPrivateKeyPem));
  const core = await fetchAllSubgraphSdl(options.subgraphs, privateKey);
  const partners: SubgraphSdl[] = [];
  for (const partner of partnersOf(file, options.subgraphs)) {
    try {
      partners.push(await fetchSubgraphSdl(partner, privateKey, 2_000));
    } catch {
      progress(`partner subgraph ${partner.name} (${partner.url}) does not answer: left out`);
    }
  }
  let composed;
  try {
    composed = composeSupergraph([...core, ...partners]);
  } catch (error) {
    if (partners.length === 0) throw error;
    progress(
      `partner subgraphs ${partners.map((p) => p.name).join(', ')} no longer compose: left out`,
    );
    composed = composeSupergraph(core);
  }
  writeSupergraphFileAtomic(file, supergraphFileText(composed.supergraphSdl, 'start'));
  return file;
}
