import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';

export interface RunningStockGateway {
  url: string;
  close(): Promise<void>;
}

/**
 * The baseline: stock @apollo/gateway behind stock @apollo/server, set up exactly as
 * the public benchmark's gateways/apollo-gateway/index.ts (startStandaloneServer, no
 * plugins, default data sources), minus its cluster fork: one process, like ours.
 */
export async function startStockGateway(options: {
  supergraphSdl: string;
  host: string;
  port: number;
}): Promise<RunningStockGateway> {
  // Without this the gateway exports usage metrics to Apollo and probes cloud
  // metadata addresses when constructed; the benchmark machine stays offline.
  process.env.APOLLO_TELEMETRY_DISABLED = 'true';
  const gateway = new ApolloGateway({ supergraphSdl: options.supergraphSdl });
  const server = new ApolloServer({ gateway });
  const { url } = await startStandaloneServer(server, {
    listen: { host: options.host, port: options.port },
  });
  return { url, close: () => server.stop() };
}
