import { AppError, bearerToken, Logger, TokenVerifier, withoutSchemaHints } from '@carebook/platform';
import {
  ExecutionArgs,
  ExecutionResult,
  GraphQLFormattedError,
  GraphQLSchema,
  specifiedRules,
  validate,
  ValidationRule,
} from 'graphql';
import { CloseCode } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import type http from 'node:http';
import { WebSocket, WebSocketServer } from 'ws';
import { expiryOf, Viewer } from './live-access';
import type { LiveContext } from './live-schema';
import { MAX_DOCUMENT_BYTES } from '../query-limits';

export interface LiveServerOptions {
  httpServer: http.Server;
  path: string;
  /** The live schema, once the gateway has loaded the supergraph. */
  schema(): GraphQLSchema | null;
  verifier: TokenVerifier;
  logger: Logger;
  keepAliveMs: number;
  /** Rules besides graphql-js's own that every subscription document must pass (the gateway's query limits). */
  validationRules: ValidationRule[];
  /** Production: errors sent to subscribers carry no "Did you mean ...?" suggestions. */
  hideSchemaHints: boolean;
  /** Replaces graphql-js's subscribe (to share results among subscribers). */
  subscribe(args: ExecutionArgs): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult>;
}

/** What a connection carries besides graphql-ws's socket and request: the verified viewer. */
type Extra = { viewer: Viewer };

/**
 * graphql-ws on the gateway's own HTTP server and path. The access token
 * comes in connectionParams.authorization ("Bearer <token>" or the bare
 * token) and is verified at connection_init: no valid user token, no
 * connection (closed with 4403 and the reason). graphql-ws pings every
 * `keepAliveMs` and drops a peer that does not answer within as long, and
 * sends to each socket on its own, so a slow reader never holds up others.
 */
export function startLiveServer(options: LiveServerOptions) {
  // A message over the size limit closes the connection (1009), as a body over it is refused over HTTP.
  const wsServer = new WebSocketServer({
    server: options.httpServer,
    path: options.path,
    maxPayload: MAX_DOCUMENT_BYTES,
  });
  const rules = [...specifiedRules, ...options.validationRules];
  const hideHints = (errors: readonly GraphQLFormattedError[]) =>
    errors.map((error) => ({ ...error, message: withoutSchemaHints(error.message) }));
  const refuse = (socket: WebSocket, reason: string) => {
    socket.close(CloseCode.Forbidden, reason.slice(0, 120));
    return false as const;
  };
  // Who holds each open connection, so that a revoked session can be ended (session-guard).
  const viewers = new Map<WebSocket, Viewer>();
  const server = useServer<Record<string, unknown> | undefined, Extra>(
    {
      schema: () => {
        const schema = options.schema();
        if (!schema)
          throw new AppError(
            'INTERNAL_SERVER_ERROR',
            'Live schedules are not available: the supergraph declares no scheduleChanged subscription.',
          );
        return schema;
      },
      onConnect: async (ctx) => {
        const raw = ctx.connectionParams?.authorization ?? ctx.connectionParams?.Authorization;
        if (typeof raw !== 'string' || !raw.trim())
          return refuse(ctx.extra.socket, 'Sign in first: send your access token as connectionParams.authorization.');
        try {
          const token = /^bearer\s/i.test(raw.trim()) ? bearerToken(raw)! : raw.trim();
          const principal = await options.verifier.verify(token);
          const viewer: Viewer = { token, principal, expiresAt: expiryOf(token) };
          ctx.extra.viewer = viewer;
          viewers.set(ctx.extra.socket, viewer);
          ctx.extra.socket.once('close', () => viewers.delete(ctx.extra.socket));
          return true;
        } catch (error) {
          return refuse(ctx.extra.socket, (error as Error).message);
        }
      },
      validate: (schema, document) => validate(schema, document, rules),
      ...(options.hideSchemaHints
        ? {
            onError: (_ctx, _id, _payload, errors) => hideHints(errors.map((error) => error.toJSON())),
            onNext: (_ctx, _id, _payload, _args, result) =>
              result.errors ? { ...result, errors: hideHints(result.errors) } : undefined,
          }
        : {}),
      context: (ctx): LiveContext => ({ viewer: ctx.extra.viewer }),
      subscribe: options.subscribe,
    },
    wsServer,
    options.keepAliveMs,
  );
  return {
    get connections() {
      return wsServer.clients.size;
    },
    /** Open connections and who holds them. */
    viewers: (): Iterable<[WebSocket, Viewer]> => viewers.entries(),
    /** Closes one connection with 4403 and the reason (graphql-ws clients see it as the close reason). */
    refuse: (socket: WebSocket, reason: string): void => void refuse(socket, reason),
    /** Closes every connection (1001 Going away: clients reconnect, to another instance if need be) and the server. */
    async stop(): Promise<void> {
      const open = wsServer.clients.size;
      await server.dispose();
      options.logger.info({ connections: open }, 'live server closed its connections');
    },
  };
}
