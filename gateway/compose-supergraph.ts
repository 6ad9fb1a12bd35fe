import { randomUUID, type KeyObject } from 'node:crypto';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { ASSERTION_HEADER, signAssertion } from '../subgraphs/shared/identity-assertion';
import type { SubgraphEndpoint } from './config';
import { GATEWAY_SERVICE_REQUESTER } from './gateway-identity';

export interface SubgraphSdl extends SubgraphEndpoint {
  sdl: string;
}

export class CompositionError extends Error {
  constructor(readonly errors: string[]) {
    super(`Supergraph composition failed:\n  - ${errors.join('\n  - ')}`);
    this.name = 'CompositionError';
  }
}

/** Fetches one subgraph's SDL through its `_service` field, as the gateway itself. */
export async function fetchSubgraphSdl(
  endpoint: SubgraphEndpoint,
  privateKey: KeyObject,
  timeoutMs = 5_000,
): Promise<SubgraphSdl> {
  const response = await fetch(endpoint.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      [ASSERTION_HEADER]: signAssertion(GATEWAY_SERVICE_REQUESTER, randomUUID(), privateKey),
    },
    body: JSON.stringify({ query: '{ _service { sdl } }' }),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const body = (await response.json()) as { data?: { _service?: { sdl?: string } } };
  const sdl = body.data?._service?.sdl;
  if (!response.ok || !sdl) {
    throw new Error(`Subgraph ${endpoint.name} did not return its SDL (HTTP ${response.status})`);
  }
  return { ...endpoint, sdl };
}

/** Retries while subgraphs are still starting; gives up with the last reason. */
export async function fetchAllSubgraphSdl(
  endpoints: SubgraphEndpoint[],
  privateKey: KeyObject,
  options: { attempts?: number; delayMs?: number } = {},
): Promise<SubgraphSdl[]> {
  const attempts = options.attempts ?? 20;
  return Promise.all(
    endpoints.map(async (endpoint) => {
      for (let attempt = 1; ; attempt++) {
        try {
          return await fetchSubgraphSdl(endpoint, privateKey);
        } catch (error) {
          if (attempt >= attempts) {
            throw new Error(`Cannot load subgraph ${endpoint.name}: ${(error as Error).message}`);
          }
          await new Promise((r) => setTimeout(r, options.delayMs ?? 250));
        }
      }
    }),
  );
}

export interface ComposedSupergraph {
  supergraphSdl: string;
  hints: { code: string; message: string }[];
}

/** Composes subgraph SDL into a supergraph with Apollo's own composition library. */
export function composeSupergraph(subgraphs: SubgraphSdl[]): ComposedSupergraph {
  const result = composeServices(
    subgraphs.map((s) => ({ name: s.name, url: s.url, typeDefs: parse(s.sdl) })),
  );
  if (result.errors) throw new CompositionError(result.errors.map((e) => e.message));
  return {
    supergraphSdl: result.supergraphSdl,
    hints: result.hints.map((h) => ({ code: h.definition.code, message: h.message })),
  };
}
