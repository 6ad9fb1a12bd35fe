import { runService } from '../subgraphs/shared/process/run-service';
import { loadGatewayConfig } from './config';
import { startGateway } from './server';

runService('gateway', () => startGateway(loadGatewayConfig()));
