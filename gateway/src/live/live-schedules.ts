import type { Logger, RevocationCheck, TokenVerifier } from '@carebook/platform';
import { getOperationAST, GraphQLSchema, ValidationRule } from 'graphql';
import type http from 'node:http';
import { ChangeFeed } from './change-feed';
import type { Viewer } from './live-access';
import { buildLiveSchema } from './live-schema';
import { startLiveServer } from './live-server';
import { guardLiveSessions } from './session-guard';
import { FederatedResult, SharedExecutions } from './shared-executions';
import { sharedSubscribe } from './shared-subscribe';

export interface LiveSchedulesOptions {
  httpServer: http.Server;
  verifier: TokenVerifier;
  logger: Logger;
  redisUrl: string;
  redisPrefix: string;
  keepAliveMs: number;
  /** Rules every subscription document must pass besides graphql-js's own (the gateway's depth, alias and cost limits). */
  validationRules?: ValidationRule[];
  /** Production: no "Did you mean ...?" in the errors sent to subscribers. */
  hideSchemaHints?: boolean;
  /** Revocations to end live connections by (the verifier refuses revoked tokens at connection_init already). */
  revocations?: RevocationCheck;
  /** Called with the operation name of each subscription started (the gateway's operation log). */
  onSubscribe?(operationName: string | undefined): void;
  execute(query: string, variables: Record<string, unknown>, viewer: Viewer | null): Promise<FederatedResult>;
}

/**
 * Live schedules: the change feed from Redis, the shared executions and the
 * graphql-ws server, wired together. `useSchema` is called with the
 * gateway's API schema whenever it loads.
 */
export async function startLiveSchedules(options: LiveSchedulesOptions) {
  const feed = new ChangeFeed({ redisUrl: options.redisUrl, prefix: options.redisPrefix, logger: options.logger });
  const shared = new SharedExecutions();
  const stats = { deliveries: 0 };
  const delivery = sharedSubscribe(stats);
  let schema: GraphQLSchema | null = null;
  await feed.start();
  const subscribe: typeof delivery.subscribe = (args) => {
    options.onSubscribe?.(getOperationAST(args.document, args.operationName)?.name?.value);
    return delivery.subscribe(args);
  };
  const server = startLiveServer({
    httpServer: options.httpServer,
    path: '/graphql',
    schema: () => schema,
    verifier: options.verifier,
    logger: options.logger,
    keepAliveMs: options.keepAliveMs,
    validationRules: options.validationRules ?? [],
    hideSchemaHints: options.hideSchemaHints ?? false,
    subscribe,
  });
  const guard =
    options.revocations &&
    guardLiveSessions({
      connections: server.viewers,
      refuse: server.refuse,
      revocations: options.revocations,
      logger: options.logger,
    });
  return {
    useSchema(apiSchema: GraphQLSchema): void {
      schema = buildLiveSchema(apiSchema, { feed, shared, execute: options.execute });
    },
    /** Counters for /health and the benchmark: how many changes were delivered for how many federated executions. */
    stats() {
      return {
        connections: server.connections,
        subscriptions: feed.subscriptions,
        events: feed.stats.events,
        duplicateEvents: feed.stats.duplicates,
        deliveries: stats.deliveries,
        executions: shared.stats.executions,
        sharedExecutions: shared.stats.shared,
        // The subscription document executed per change per (document, variables, scope), the result sent to all of them.
        resultExecutions: delivery.results.stats.executions,
        // Where time goes: commit -> heard on Redis (outbox relay), and one federated execution.
        heardLagMsMean: Math.round(feed.stats.lagMsTotal / Math.max(feed.stats.events, 1)),
        heardLagMsMax: feed.stats.lagMsMax,
        executionMsMean: Math.round(shared.stats.durationMsTotal / Math.max(shared.stats.executions, 1)),
        executionMsMax: Math.round(shared.stats.durationMsMax),
      };
    },
    async stop(): Promise<void> {
      guard?.stop();
      await server.stop();
      await feed.stop();
      shared.stop();
      delivery.results.stop();
    },
  };
}

export type LiveSchedules = Awaited<ReturnType<typeof startLiveSchedules>>;
