import { runService } from '../../subgraphs/shared/process/run-service';
import { startFederationSubgraphs } from './federation-subgraphs';

// Child-process entry: the four benchmark subgraphs in one process (as the reference
// runs them in one Rust binary), on port-0 servers; their URLs go to the parent
// in the `ready` message's `extra.urls`.
runService('federation-subgraphs', async () => {
  const running = await startFederationSubgraphs(process.env.HOST ?? '127.0.0.1');
  return { url: running.urls.accounts, extra: { urls: running.urls }, close: running.close };
});
