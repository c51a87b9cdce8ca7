import { createLogger } from '@carebook/platform';
import compression from 'compression';
import express from 'express';
import { existsSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { WebConfig } from './config';
import { securityHeaders } from './security-headers';

/** What the app and the explorer read at start (GET /config.json): where the gateway is, the clinic's zone. */
export interface PublicConfig {
  graphqlUrl: string;
  clinicTimeZone: string;
}

/**
 * Serves the patient app (a single-page app: every path that is not a file
 * gets index.html) and the API explorer under /explorer/, both built by Vite,
 * plus /config.json. Hashed assets are cached for a year, index.html never.
 */
export interface RunningWebServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

export async function startWebServer(config: WebConfig): Promise<RunningWebServer> {
  const logger = createLogger('web', config.logLevel);
  for (const [what, dir] of [
    ['the app', config.appDir],
    ['the explorer', config.explorerDir],
  ]) {
    if (!existsSync(join(dir, 'index.html')))
      throw new Error(`${dir}/index.html is missing: build ${what} first (pnpm build).`);
  }
  const graphqlUrlFor = (req: express.Request) =>
    config.graphqlUrl ?? `${req.protocol}://${req.hostname}:${config.gatewayPort}/graphql`;
  const gatewayOrigins = (hostname: string) => {
    const url = new URL(config.graphqlUrl ?? `http://${hostname}:${config.gatewayPort}/graphql`);
    return [url.origin, url.origin.replace(/^http/, 'ws')];
  };

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  // Gzip for scripts, styles and HTML (clinic networks are often slow); fonts are compressed already.
  app.use(compression());
  app.get('/health', (_req, res) => void res.json({ service: 'web', status: 'UP' }));
  app.get('/config.json', (req, res) => {
    res.setHeader('cache-control', 'no-store');
    res.json({ graphqlUrl: graphqlUrlFor(req), clinicTimeZone: config.clinicTimeZone } satisfies PublicConfig);
  });

  const assets = { immutable: true, maxAge: '365d', index: false, fallthrough: true } as const;
  const noCache = (res: express.Response) => res.setHeader('cache-control', 'no-cache');
  const explorer = express.Router();
  explorer.use(securityHeaders(gatewayOrigins, { explorer: true }));
  explorer.use('/assets', express.static(join(config.explorerDir, 'assets'), assets));
  explorer.use(express.static(config.explorerDir, { index: 'index.html', setHeaders: noCache }));
  explorer.use((_req, res) => res.status(404).send('Not found'));
  app.use('/explorer', explorer);

  app.use(securityHeaders(gatewayOrigins));
  app.use(
    '/assets',
    express.static(join(config.appDir, 'assets'), assets),
    (_req, res) => void res.status(404).send('Not found'),
  );
  app.use(express.static(config.appDir, { index: false, setHeaders: noCache }));
  app.get('/{*path}', (_req, res) => {
    noCache(res);
    res.sendFile(join(config.appDir, 'index.html'));
  });

  const server = http.createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, resolve);
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${config.host === '0.0.0.0' || config.host === '127.0.0.1' ? 'localhost' : config.host}:${port}`;
  logger.info({ url, explorer: `${url}/explorer/` }, 'web app ready');
  return {
    url,
    port,
    async stop() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await closed;
    },
  };
}
