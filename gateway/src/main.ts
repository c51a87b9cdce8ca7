import { runService } from '@carebook/platform';
import { startGateway } from './app';
import { loadGatewayConfig } from './config';

runService('gateway', () => startGateway(loadGatewayConfig()));
