import { createGraphiQLFetcher, type Fetcher } from '@graphiql/toolkit';
import { createClient } from 'graphql-ws';

export interface ExplorerFetcher {
  fetcher: Fetcher;
  dispose(): void;
}

const bearer = (token: string) => (/^bearer\s/i.test(token) ? token : `Bearer ${token}`);

/**
 * Queries and mutations over HTTP, subscriptions over graphql-ws (the token
 * in connectionParams.authorization, as the gateway expects). One fetcher per
 * token: a new token opens a new WebSocket, since the gateway reads it at
 * connection_init.
 */
export function createExplorerFetcher(url: string, token: string): ExplorerFetcher {
  const authorization = token.trim() ? bearer(token.trim()) : undefined;
  const wsClient = createClient({
    url: url.replace(/^http/, 'ws'),
    lazy: true,
    connectionParams: () => (authorization ? { authorization } : {}),
  });
  // Plain JSON requests: the gateway answers no multipart (incremental) responses.
  const fetcher = createGraphiQLFetcher({
    url,
    wsClient,
    headers: authorization ? { authorization } : {},
    enableIncrementalDelivery: false,
  });
  return { fetcher, dispose: () => void wsClient.dispose() };
}
