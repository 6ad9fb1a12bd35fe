import path from 'node:path';
import { Command } from 'commander';

interface GatewayOptions {
  supergraph?: string;
  port?: string;
  host?: string;
  watch: boolean;
}

export function gatewayCommand(): Command {
  return new Command('gateway')
    .description(
      'Run the gateway alone in front of running subgraphs: serve any Federation 2 supergraph file (reloaded when it changes), or compose SUBGRAPHS at start',
    )
    .option('--supergraph <file>', 'composed supergraph to serve (default: SUPERGRAPH_FILE)')
    .option('--port <port>', 'port to listen on (default: GATEWAY_PORT or 4000)')
    .option('--host <host>', 'address to listen on (default: HOST or 127.0.0.1)')
    .option('--no-watch', 'serve the file as it is at start and ignore later changes')
    .action(async (options: GatewayOptions) => {
      // The gateway reads its configuration from the environment (gateway/config.ts);
      // flags are a shorthand for those variables.
      if (options.supergraph) process.env.SUPERGRAPH_FILE = path.resolve(options.supergraph);
      if (options.port !== undefined) process.env.GATEWAY_PORT = options.port;
      if (options.host !== undefined) process.env.HOST = options.host;
      if (!options.watch) process.env.SUPERGRAPH_WATCH = 'false';
      const file = process.env.SUPERGRAPH_FILE;
      if (file) {
        // Refuse a missing or invalid file with its reason before anything starts.
        const { readSupergraphFile } = await import('../../gateway/supergraph/supergraph-file');
        const { loadSupergraph } = await import('../../gateway/supergraph/supergraph-schema');
        const { subgraphs } = loadSupergraph(readSupergraphFile(file));
        console.log(`Serving ${file}: ${subgraphs.map((s) => `${s.name} (${s.url})`).join(', ')}`);
      }
      const { runService } = await import('../../subgraphs/shared/process/run-service');
      const { loadGatewayConfig } = await import('../../gateway/config');
      const { startGateway } = await import('../../gateway/server');
      runService('gateway', () => startGateway(loadGatewayConfig()));
    });
}
