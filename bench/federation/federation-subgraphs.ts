import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { loadBenchData, type FederationBenchData } from './fixtures';
import { createGraphQLHttpServer } from './graphql-http-server';
import { accountsSubgraph } from './subgraphs/accounts.subgraph';
import { inventorySubgraph } from './subgraphs/inventory.subgraph';
import { productsSubgraph } from './subgraphs/products.subgraph';
import type { SubgraphDefinition } from './subgraphs/subgraph-definition';
import { reviewsSubgraph } from './subgraphs/reviews.subgraph';

export type SubgraphName = SubgraphDefinition['name'];
export type SubgraphUrls = Record<SubgraphName, string>;

export interface RunningSubgraphs {
  urls: SubgraphUrls;
  close(): Promise<void>;
}

export function federationSubgraphs(data: FederationBenchData): SubgraphDefinition[] {
  return [
    accountsSubgraph(data),
    inventorySubgraph(data),
    productsSubgraph(data),
    reviewsSubgraph(data),
  ];
}

function listen(server: http.Server, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve((server.address() as AddressInfo).port));
  });
}

/** Starts the four benchmark subgraphs in this process, each on its own port 0 server. */
export async function startFederationSubgraphs(host = '127.0.0.1'): Promise<RunningSubgraphs> {
  const servers: http.Server[] = [];
  const urls = {} as SubgraphUrls;
  try {
    for (const definition of federationSubgraphs(loadBenchData())) {
      const schema = buildSubgraphSchema({
        typeDefs: definition.typeDefs,
        resolvers: definition.resolvers,
      });
      const server = createGraphQLHttpServer(schema);
      servers.push(server);
      const port = await listen(server, host);
      urls[definition.name] = `http://${host}:${port}/${definition.name}`;
    }
  } catch (error) {
    await closeAll(servers);
    throw error;
  }
  return { urls, close: () => closeAll(servers) };
}

async function closeAll(servers: http.Server[]): Promise<void> {
  await Promise.all(
    servers.map(
      (server) =>
        new Promise<void>((resolve) => {
          if (!server.listening) return resolve();
          server.close(() => resolve());
          server.closeAllConnections();
        }),
    ),
  );
}
