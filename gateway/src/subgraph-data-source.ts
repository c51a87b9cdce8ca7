import { GraphQLDataSourceProcessOptions, RemoteGraphQLDataSource } from '@apollo/gateway';
import { CLIENT_IP_HEADER, ServiceName, SERVICE_PORTS, serviceUrl } from '@carebook/platform';
import { GraphQLError } from 'graphql';
import type { GatewayContext } from './gateway-context';

/**
 * Calls one subgraph on behalf of the client: forwards the bearer token (each
 * subgraph verifies it again), the client's address and the request id.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    if (!context || !('token' in context)) return;
    if (context.token) request.http?.headers.set('authorization', `Bearer ${context.token}`);
    if (context.clientIp) request.http?.headers.set(CLIENT_IP_HEADER, context.clientIp);
    if (context.requestId) request.http?.headers.set('x-request-id', context.requestId);
  }

  /** A subgraph that refuses the request (say, a token that expired in flight) answers with its own error, not "401: Unauthorized". */
  override async errorFromResponse(response: Parameters<RemoteGraphQLDataSource['errorFromResponse']>[0]): Promise<GraphQLError> {
    const body = (await response.clone().json().catch(() => undefined)) as { errors?: Array<{ message: string; extensions?: Record<string, unknown> }> } | undefined;
    const first = body?.errors?.[0];
    if (first?.extensions?.code) return new GraphQLError(first.message, { extensions: { code: first.extensions.code } });
    return super.errorFromResponse(response);
  }
}

/** Where to reach a subgraph: `<SERVICE>_URL` if set, else the routing URL in the supergraph. */
export function subgraphUrl(name: string, routingUrl: string | undefined, env: NodeJS.ProcessEnv): string | undefined {
  if (name in SERVICE_PORTS && (env[`${name.toUpperCase()}_URL`] || env[`${name.toUpperCase()}_PORT`])) {
    return `${serviceUrl(name as ServiceName, env)}/graphql`;
  }
  return routingUrl;
}
