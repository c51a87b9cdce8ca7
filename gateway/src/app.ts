import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import {
  AppError,
  bearerToken,
  createErrorFormatter,
  createLogger,
  createServiceStreamClient,
  createServiceTokenSource,
  createTokenVerifier,
  graphqlHttpHandler,
  isGraphqlPath,
  RevocationFeed,
  RunningService,
} from '@carebook/platform';
import cors from 'cors';
import express from 'express';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { clientAddressOf, trustProxies } from './client-address';
import type { GatewayConfig } from './config';
import type { GatewayContext } from './gateway-context';
import { mountExportRoutes } from './exports/export-routes';
import { createOperationLog } from './operation-log';
import { createResponseCache } from './public-cache/response-cache';
import { listenForScheduleChanges } from './public-cache/schedule-invalidation';
import { startLiveSchedules } from './live/live-schedules';
import { MAX_DOCUMENT_BYTES, queryLimitRules } from './query-limits';
import { SubgraphDataSource, subgraphService, subgraphUrl } from './subgraph-data-source';
import { subgraphFetcher } from './subgraph-fetcher';

/**
 * The one endpoint: serves the statically composed supergraph, verifies the
 * caller's token before anything reaches a subgraph (a user's access token,
 * nothing else: no client becomes a service here), limits query depth,
 * aliases and cost, and offers Apollo Sandbox in development. Subscriptions
 * (live schedules) are served over graphql-ws on the same port and path.
 */
export async function startGateway(config: GatewayConfig): Promise<RunningService> {
  const logger = createLogger('gateway', config.logLevel);
  // Revoked tokens are refused from the moment auth publishes the revocation, and live connections holding them end.
  const revocations = new RevocationFeed({ redisUrl: config.redisUrl, prefix: config.redisPrefix, logger });
  await revocations.start();
  const verifier = createTokenVerifier(config.auth, undefined, revocations);
  const callerToken = createServiceTokenSource(config.serviceKeys);
  // @apollo/gateway sends usage metrics to Apollo over HTTPS (hourly, and at shutdown) and probes cloud metadata
  // endpoints at start unless told not to: a clinic's gateway sends nothing out. An explicit setting is respected.
  process.env.APOLLO_TELEMETRY_DISABLED ??= 'true';
  const gateway = new ApolloGateway({
    supergraphSdl: readFileSync(config.supergraphPath, 'utf8'),
    // undici rather than the default agent: it drops an idle connection before the subgraph's keep-alive timeout
    // does (the server announces it), so a request never lands on a socket being closed (ECONNRESET).
    buildService: ({ name, url }) =>
      new SubgraphDataSource({
        url: subgraphUrl(name, url, config.env),
        fetcher: subgraphFetcher as never,
        target: subgraphService(name),
        callerToken,
      }),
  });

  const publicCache = createResponseCache({
    ttlMs: config.publicCacheTtlMs,
    invalidationLive: () => invalidation.live(),
  });
  const invalidation = listenForScheduleChanges(config.redisUrl, config.redisPrefix, logger, () =>
    publicCache.invalidate(),
  );

  const operationLog = createOperationLog(config.operationLogPath);

  // /graphql is served on Node's own request (platform's graphql-http.ts); /health and /exports through Express.
  const app = express();
  app.disable('x-powered-by');
  trustProxies(app, config.trustedProxies);
  const graphqlRoute: { serve?: (req: http.IncomingMessage, res: http.ServerResponse) => void } = {};
  const httpServer = http.createServer((req, res) => {
    if (graphqlRoute.serve && isGraphqlPath(req.url)) graphqlRoute.serve(req, res);
    else void app(req, res);
  });
  // In production no error says "Did you mean ...?": with introspection off, suggestions would still map the schema.
  const hideSchemaHints = config.nodeEnv === 'production';
  const limitRules = queryLimitRules(config.limits);

  const server = new ApolloServer<GatewayContext>({
    gateway,
    introspection: config.introspection,
    formatError: createErrorFormatter(logger, { hideSchemaHints }),
    hideSchemaDetailsFromClientErrors: hideSchemaHints,
    includeStacktraceInErrorResponses: false,
    validationRules: limitRules,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      publicCache.plugin,
      ...(operationLog ? [operationLog.plugin] : []),
      config.introspection
        ? ApolloServerPluginLandingPageLocalDefault({ embed: true, includeCookies: false })
        : ApolloServerPluginLandingPageDisabled(),
    ],
  });
  const live = await startLiveSchedules({
    httpServer,
    verifier,
    revocations,
    logger,
    ...config.live,
    // Subscriptions get the same size, depth, alias and cost limits as queries over HTTP.
    validationRules: limitRules,
    hideSchemaHints,
    onSubscribe: operationLog?.record,
    // @apollo/gateway executes no subscriptions: each change is resolved as a query, with the subscriber's token.
    async execute(query, variables, viewer) {
      const response = await server.executeOperation(
        { query, variables },
        {
          contextValue: {
            token: viewer?.token,
            principal: viewer?.principal ?? null,
            clientIp: 'live-schedules',
            requestId: randomUUID(),
          },
        },
      );
      if (response.body.kind !== 'single')
        throw new Error('The gateway answered a live change with an incremental result.');
      return { data: response.body.singleResult.data, errors: response.body.singleResult.errors };
    },
  });
  gateway.onSchemaLoadOrUpdate(({ apiSchema }) => live.useSchema(apiSchema));
  await server.start();

  app.get('/health', (_req, res) => {
    res.json({ service: 'gateway', status: 'UP', live: live.stats() });
  });
  // Admin CSV exports: streamed from the owning services, signed as the gateway, for the verified admin.
  // The web app downloads them from its own origin with the bearer token: the same CORS rule as /graphql.
  app.use('/exports', cors({ origin: config.corsOrigins, credentials: false, maxAge: 600 }));
  mountExportRoutes(app, { verifier, streams: createServiceStreamClient(config.serviceKeys, config.env), logger });
  const graphqlCors = cors({ origin: config.corsOrigins, credentials: false, maxAge: 600 });
  const clientAddress = clientAddressOf(config.trustedProxies);
  const serveGraphql = graphqlHttpHandler(server, {
    limitBytes: MAX_DOCUMENT_BYTES,
    answerEarly: publicCache.serveCached,
    context: async (req): Promise<GatewayContext> => {
      let token: string | undefined;
      let principal;
      try {
        token = bearerToken(req.headers.authorization);
        principal = token ? await verifier.verify(token) : null;
      } catch (error) {
        if (error instanceof AppError) error.extensions.http = { status: 401 };
        throw error;
      }
      // The peer, or X-Forwarded-For when the peer is a trusted proxy (client-address.ts); subgraphs get it as x-carebook-client-ip.
      return { token, principal, clientIp: clientAddress(req), requestId: randomUUID() };
    },
  });
  // CORS first: a preflight is answered there, anything else goes on to the GraphQL handler.
  graphqlRoute.serve = (req, res) => graphqlCors(req, res, () => void serveGraphql(req, res));

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.port, config.host, resolve);
  });
  const port = (httpServer.address() as AddressInfo).port;
  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`;
  logger.info({ url: `${url}/graphql` }, 'gateway ready');
  return {
    name: 'gateway',
    url,
    port,
    verifier,
    async stop() {
      // WebSockets first: the HTTP drain waits for open connections, and upgraded sockets would hold it.
      await live.stop();
      await server.stop();
      await invalidation.close();
      await revocations.stop();
    },
  };
}
