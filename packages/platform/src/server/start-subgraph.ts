import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import type { EntityManager, MikroORM } from '@mikro-orm/core';
import express, { Express } from 'express';
import type { JWTVerifyGetKey } from 'jose';
import { randomUUID } from 'node:crypto';
import http, { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { RevocationFeed } from '../auth/revocation-feed';
import { createServiceTokenVerifier, ServiceTokenVerifier } from '../auth/service-token-verifier';
import { bearerToken, createTokenVerifier, TokenVerifier } from '../auth/token-verifier';
import type { ServiceConfig } from '../config/service-config';
import type { ServiceName } from '../config/services';
import { AppError } from '../errors/app-errors';
import { createErrorFormatter } from '../errors/format-error';
import { graphqlCaller } from './caller-gate';
import { graphqlHttpHandler, isGraphqlPath } from './graphql-http';
import { nodeInternalRoutes } from './service-calls';
import { FederatedSchema } from './federated-schema';
import type { RequestContext } from './request-context';

export const CLIENT_IP_HEADER = 'x-carebook-client-ip';

export interface RunningService {
  name: string;
  url: string;
  port: number;
  verifier: TokenVerifier;
  stop(): Promise<void>;
}

export interface StartSubgraphOptions {
  config: ServiceConfig;
  schema: FederatedSchema;
  orm: MikroORM;
  logger: Logger;
  /**
   * Extra routes (internal service endpoints, JWKS) mounted before /graphql; `callers` verifies service tokens for
   * this service, `users` the access tokens of users (for routes that act for a user the gateway relays, like exports).
   */
  routes?: (app: Express, callers: ServiceTokenVerifier, users: TokenVerifier) => void;
  /** Keys to verify access tokens with instead of fetching AUTH_JWKS_URL (the auth service verifies with its own). */
  keySet?: JWTVerifyGetKey;
  /** Called on stop, before the ORM closes (timers, Redis connections). */
  onStop?: () => Promise<void>;
}

/**
 * The client's address: the one the gateway passes on, when the gateway
 * (proven by its caller token) sent the request; otherwise the socket's. A
 * header anyone could send is never believed on its own.
 */
export function clientIpOf(req: IncomingMessage, caller: ServiceName): string {
  const forwarded = caller === 'gateway' ? req.headers[CLIENT_IP_HEADER] : undefined;
  return (Array.isArray(forwarded) ? forwarded[0] : forwarded) ?? req.socket.remoteAddress ?? 'unknown';
}

/**
 * A request's context whose entity manager and logger are made when first
 * used: many answers need neither (kept lists, entity stubs), and a fork or
 * a pino child per request is not free. Apollo Server clones the context
 * per operation (a new object of the same prototype with the own properties
 * copied): the getters live on the prototype, and what they make is kept in
 * `made`, an own property the clone shares, so both see one fork.
 */
class SubgraphRequestContext implements RequestContext {
  principal: RequestContext['principal'];
  caller: RequestContext['caller'];
  requestId: string;
  clientIp: string;
  loaders: RequestContext['loaders'];
  private readonly made: { em?: EntityManager; logger?: Logger; fork: () => EntityManager; child: () => Logger };

  constructor(fields: Omit<RequestContext, 'em' | 'logger'>, fork: () => EntityManager, child: () => Logger) {
    this.principal = fields.principal;
    this.caller = fields.caller;
    this.requestId = fields.requestId;
    this.clientIp = fields.clientIp;
    this.loaders = fields.loaders;
    this.made = { fork, child };
  }

  get em(): EntityManager {
    return (this.made.em ??= this.made.fork());
  }

  get logger(): Logger {
    return (this.made.logger ??= this.made.child());
  }
}

/**
 * Serves one subgraph: /graphql (Apollo Server on Node's HTTP), /health (Express 5), and
 * whatever internal routes the service adds. /graphql answers only requests
 * that carry a caller token of the gateway or a service (graphqlCaller);
 * each gets its own entity manager fork and, from Authorization, the
 * verified user, if any: a present but invalid token is refused outright
 * rather than treated as anonymous.
 */
export async function startSubgraph(options: StartSubgraphOptions): Promise<RunningService> {
  const { config, orm, logger } = options;
  // Revoked tokens (deactivation, role or password change, sign-out everywhere) are refused here too, not only at the gateway.
  const revocations = new RevocationFeed({ redisUrl: config.redisUrl, prefix: config.redisPrefix, logger });
  await revocations.start();
  const verifier = createTokenVerifier(config.auth, options.keySet, revocations);
  const callers = createServiceTokenVerifier(config.serviceKeys);
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  // /graphql and the internal routes are served straight on Node's request (graphql-http.ts, service-calls.ts);
  // everything else goes through Express.
  const graphqlRoute: { serve?: (req: IncomingMessage, res: http.ServerResponse) => void } = {};
  const httpServer = http.createServer((req, res) => {
    if (graphqlRoute.serve && isGraphqlPath(req.url)) return graphqlRoute.serve(req, res);
    const internal = req.method === 'POST' && req.url ? nodeInternalRoutes(app)?.get(pathOf(req.url)) : undefined;
    if (internal) void internal(req, res);
    else void app(req, res);
  });

  app.get('/health', async (_req, res) => {
    const database = await orm.isConnected().catch(() => false);
    res.status(database ? 200 : 503).json({ service: config.service, status: database ? 'UP' : 'DOWN', database });
  });
  options.routes?.(app, callers, verifier);

  const production = config.nodeEnv === 'production';
  const server = new ApolloServer<RequestContext>({
    schema: options.schema.schema,
    // In production no "Did you mean ...?" in any error: the schema stays unmapped with introspection off.
    formatError: createErrorFormatter(logger, { hideSchemaHints: production }),
    hideSchemaDetailsFromClientErrors: production,
    introspection: !production,
    includeStacktraceInErrorResponses: false,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
    ],
  });
  await server.start();

  const serveGraphql = graphqlHttpHandler(server, {
    limitBytes: 1024 * 1024,
    admission: graphqlCaller(callers),
    context: async (req, admitted) => {
      const caller = admitted as ServiceName;
      // A present but invalid token is refused outright (401), not taken for an anonymous caller.
      const token = bearerToken(req.headers.authorization);
      const principal = token
        ? await verifier.verify(token).catch((error: unknown) => {
            if (error instanceof AppError) error.extensions.http = { status: 401 };
            throw error;
          })
        : null;
      const requestId = (req.headers['x-request-id'] as string | undefined) ?? randomUUID();
      return new SubgraphRequestContext(
        { principal, caller, requestId, clientIp: clientIpOf(req, caller), loaders: new Map() },
        () => orm.em.fork(),
        () => logger.child({ requestId }),
      );
    },
  });
  graphqlRoute.serve = (req, res) => void serveGraphql(req, res);

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.port, config.host, resolve);
  });
  const port = (httpServer.address() as AddressInfo).port;
  const url = `http://${config.host}:${port}`;
  logger.info({ url: `${url}/graphql` }, `${config.service} subgraph ready`);

  return {
    name: config.service,
    url,
    port,
    verifier,
    async stop() {
      await server.stop();
      await revocations.stop();
      await options.onStop?.();
      await orm.close(true);
    },
  };
}

/** A request URL's path, without its query string. */
function pathOf(url: string): string {
  const query = url.indexOf('?');
  return query >= 0 ? url.slice(0, query) : url;
}
