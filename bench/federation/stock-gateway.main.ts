import fs from 'node:fs';
import { runService } from '../../subgraphs/shared/process/run-service';
import { startStockGateway } from './stock-gateway';

// Child-process entry for the baseline gateway. SUPERGRAPH_FILE is required: the
// benchmark harness writes it with the local subgraph URLs.
runService('stock-apollo-gateway', async () => {
  const file = process.env.SUPERGRAPH_FILE;
  if (!file) throw new Error('SUPERGRAPH_FILE is required');
  return startStockGateway({
    supergraphSdl: fs.readFileSync(file, 'utf8'),
    host: process.env.HOST ?? '127.0.0.1',
    port: Number(process.env.PORT ?? 0),
  });
});
