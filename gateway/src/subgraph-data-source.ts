import { GraphQLDataSourceProcessOptions, RemoteGraphQLDataSource } from '@apollo/gateway';
// The package's index exports the options type but not the enum of its `kind`.
import { GraphQLDataSourceRequestKind } from '@apollo/gateway/dist/datasources/types';
import {
  CALLER_HEADER,
  CLIENT_IP_HEADER,
  ServiceName,
  SERVICE_PORTS,
  serviceUrl,
  ServiceTokenSource,
} from '@carebook/platform';
import { GraphQLError } from 'graphql';
import { z } from 'zod';
import type { GatewayContext } from './gateway-context';

type DataSourceConfig = ConstructorParameters<typeof RemoteGraphQLDataSource<GatewayContext>>[0];

/**
 * Calls one subgraph on behalf of the client: proves it is the gateway with
 * its own service token made for that subgraph (CALLER_HEADER; the
 * subgraph refuses any request without one), and forwards the client's
 * bearer token (each subgraph verifies it again), the client's address and
 * the request id. Live subscriptions execute through here too.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  private readonly target: ServiceName;
  private readonly callerToken: ServiceTokenSource;

  constructor(config: DataSourceConfig & { target: ServiceName; callerToken: ServiceTokenSource }) {
    const { target, callerToken, ...rest } = config;
    super(rest);
    this.target = target;
    this.callerToken = callerToken;
  }

  override async willSendRequest(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    const { request } = options;
    request.http?.headers.set(CALLER_HEADER, await this.callerToken(this.target));
    // Only an operation carries a client's GatewayContext (HTTP or live); a health check or schema load has an
    // untyped empty one. Told apart by the request kind, a field compare on this per-request path.
    if (options.kind !== GraphQLDataSourceRequestKind.INCOMING_OPERATION) return;
    const { context } = options;
    if (context.token) request.http?.headers.set('authorization', `Bearer ${context.token}`);
    if (context.clientIp) request.http?.headers.set(CLIENT_IP_HEADER, context.clientIp);
    if (context.requestId) request.http?.headers.set('x-request-id', context.requestId);
  }

  /** A subgraph that refuses the request (say, a token that expired in flight) answers with its own error, not "401: Unauthorized". */
  override async errorFromResponse(
    response: Parameters<RemoteGraphQLDataSource['errorFromResponse']>[0],
  ): Promise<GraphQLError> {
    const body = subgraphErrorBody.safeParse(
      await response
        .clone()
        .json()
        .catch(() => undefined),
    );
    const first = body.success ? body.data.errors?.[0] : undefined;
    if (first?.extensions?.code)
      return new GraphQLError(first.message, { extensions: { code: first.extensions.code } });
    return super.errorFromResponse(response);
  }
}

/** A GraphQL error answer from a subgraph, as far as it is passed on (parsed only when a subgraph refuses). */
const subgraphErrorBody = z.object({
  errors: z
    .array(z.object({ message: z.string(), extensions: z.record(z.string(), z.unknown()).optional() }))
    .optional(),
});

/** The subgraph's service name as the supergraph spells it, if it is one of Carebook's. */
export function subgraphService(name: string): ServiceName {
  if (!(name in SERVICE_PORTS) || name === 'gateway')
    throw new Error(`The supergraph names a subgraph "${name}" that is no Carebook service.`);
  return name as ServiceName;
}

/** Where to reach a subgraph: `<SERVICE>_URL` if set, else the routing URL in the supergraph. */
export function subgraphUrl(name: string, routingUrl: string | undefined, env: NodeJS.ProcessEnv): string | undefined {
  if (name in SERVICE_PORTS && (env[`${name.toUpperCase()}_URL`] || env[`${name.toUpperCase()}_PORT`])) {
    return `${serviceUrl(name as ServiceName, env)}/graphql`;
  }
  return routingUrl;
}
