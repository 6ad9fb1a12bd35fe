import http from 'node:http';
import https from 'node:https';
import nodeFetch, { type RequestInit as NodeFetchInit } from 'node-fetch';
import type { Fetcher } from '@apollo/utils.fetcher';

/**
 * The HTTP client the gateway calls subgraphs with: node-fetch over keep-alive
 * agents (one pool per subgraph), with a per-call timeout. @apollo/gateway's
 * default (make-fetch-happen) builds an Error stack trace per request inside its
 * agent and costs about a third of the gateway's CPU under load (measured in
 * bench/, see docs/benchmarks.md).
 */
export function createSubgraphFetcher(options: {
  timeoutMs: number;
  maxSockets?: number;
}): Fetcher {
  const agentOptions = {
    keepAlive: true,
    maxSockets: options.maxSockets ?? 128,
    keepAliveMsecs: 1_000,
  };
  const httpAgent = new http.Agent(agentOptions);
  const httpsAgent = new https.Agent(agentOptions);
  const fetcher = (url: string, init?: NodeFetchInit) =>
    nodeFetch(url, {
      ...init,
      agent: (parsed: URL) => (parsed.protocol === 'https:' ? httpsAgent : httpAgent),
      timeout: options.timeoutMs,
    });
  // node-fetch's Response is the shape @apollo/utils.fetcher describes.
  return fetcher as unknown as Fetcher;
}
