import { runService, type RunningService } from '@carebook/platform';
import { startWebServer } from './app';
import { loadWebConfig } from './config';

// runService only stops what it started; the web server verifies no tokens (the gateway does).
runService('web', async () => (await startWebServer(loadWebConfig())) as unknown as RunningService);
