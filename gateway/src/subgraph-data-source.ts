import { GraphQLDataSourceProcessOptions, RemoteGraphQLDataSource } from '@apollo/gateway';
import {
  CALLER_HEADER,
  CLIENT_IP_HEADER,
  ServiceName,
  SERVICE_PORTS,
  serviceUrl,
  ServiceTokenSource,
} from '@carebook/platform';
import { GraphQLError } from 'graphql';
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

  override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    request.http?.headers.set(CALLER_HEADER, await this.callerToken(this.target));
    if (!context || !('token' in context)) return;
    if (context.token) request.http?.headers.set('authorization', `Bearer ${context.token}`);
    if (context.clientIp) request.http?.headers.set(CLIENT_IP_HEADER, context.clientIp);
    if (context.requestId) request.http?.headers.set('x-request-id', context.requestId);
  }

  /** A subgraph that refuses the request (say, a token that expired in flight) answers with its own error, not "401: Unauthorized". */
  override async errorFromResponse(
    response: Parameters<RemoteGraphQLDataSource['errorFromResponse']>[0],
  ): Promise<GraphQLError> {
    const body = (await response
      .clone()
      .json()
      .catch(() => undefined)) as
      { errors?: Array<{ message: string; extensions?: Record<string, unknown> }> } | undefined;
    const first = body?.errors?.[0];
    if (first?.extensions?.code)
      return new GraphQLError(first.message, { extensions: { code: first.extensions.code } });
    return super.errorFromResponse(response);
  }
}

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
