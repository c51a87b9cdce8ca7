import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { type DocumentNode, type GraphQLFormattedError, print } from 'graphql';
import { type Client as WsClient, createClient as createWsClient } from 'graphql-ws';
import { backoffDelay, type BackoffOptions } from './backoff';
import { CarebookNetworkError, CarebookRequestError, hasCode } from './errors';
import { singleFlight } from './single-flight';

type Token = string | null | undefined;

export interface CarebookClientOptions {
  /** The gateway's GraphQL endpoint, e.g. http://localhost:4000/graphql. */
  url: string;
  /** Its WebSocket endpoint for subscriptions; by default `url` with ws(s):. */
  wsUrl?: string;
  /** The access token, read afresh for every request and every connection (so a refreshed one is used). */
  getToken?: () => Token | Promise<Token>;
  /**
   * Called when the API answers UNAUTHENTICATED (the access token expired):
   * get a new access token (e.g. RefreshSession with the refresh token, sent
   * with `{ token: null }`) and store it where getToken reads it; answer it,
   * or null when the session is over. Concurrent callers share one call.
   */
  refreshToken?: () => Promise<Token>;
  /**
   * Called after the subscription connection came back (a restart, a network
   * change, a token renewal). Pub/sub keeps nothing while a client is away:
   * refetch what the subscriptions keep up to date.
   */
  onReconnect?: () => void;
  /** Waits between reconnect attempts (exponential, jittered). */
  reconnect?: BackoffOptions & { attempts?: number };
  fetch?: typeof globalThis.fetch;
  /** A WebSocket class where the platform has none (Node 20: the `ws` package). */
  webSocketImpl?: unknown;
}

export interface CarebookResult<TData> {
  data?: TData | null;
  errors?: readonly GraphQLFormattedError[];
  /** The HTTP status (undefined for subscription results). */
  status?: number;
}

export interface RequestOptions {
  /** This token instead of getToken's; null sends none (and never refreshes): for Login, RefreshSession. */
  token?: string | null;
  signal?: AbortSignal;
}

export interface SubscriptionSink<TData> {
  next(result: CarebookResult<TData>): void;
  error?(error: unknown): void;
  complete?(): void;
}

export interface CarebookClient {
  /** Sends one query or mutation; answers data and errors as the API gave them. Rejects only when the API cannot be reached. */
  execute<TData, TVariables>(
    document: TypedDocumentNode<TData, TVariables>,
    variables?: TVariables,
    options?: RequestOptions,
  ): Promise<CarebookResult<TData>>;
  /** Like execute, but answers the data, or throws CarebookRequestError with the API's errors. */
  request<TData, TVariables>(
    document: TypedDocumentNode<TData, TVariables>,
    variables?: TVariables,
    options?: RequestOptions,
  ): Promise<TData>;
  /** Subscribes over graphql-ws; answers a function that unsubscribes. */
  subscribe<TData, TVariables>(
    document: TypedDocumentNode<TData, TVariables>,
    variables: TVariables | undefined,
    sink: SubscriptionSink<TData>,
  ): () => void;
  /** Closes the WebSocket connection, if one was opened. */
  dispose(): Promise<void>;
}

// graphql-ws leaves 4000-4999 to applications; a close with this code makes the client reconnect at once.
const RESTART_CLOSE_CODE = 4205;
const FORBIDDEN_CLOSE_CODE = 4403;

/**
 * A client for the Carebook API over HTTP (queries, mutations) and
 * graphql-ws (subscriptions), typed by the SDK's documents. The access token
 * is read per request and per connection; an UNAUTHENTICATED answer
 * refreshes it once and tries again; a dropped connection reconnects with
 * backoff and resubscribes, then calls onReconnect; a subscription the
 * gateway ends because the token expired is renewed the same way.
 */
export function createCarebookClient(options: CarebookClientOptions): CarebookClient {
  const fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
  const getToken = async () => (await options.getToken?.()) ?? null;
  const refresh = options.refreshToken ? singleFlight(async () => (await options.refreshToken!()) ?? null) : null;
  const printed = new WeakMap<DocumentNode, string>();
  const textOf = (document: DocumentNode) => {
    let text = printed.get(document);
    if (text === undefined) printed.set(document, (text = print(document)));
    return text;
  };

  async function post<TData>(
    query: string,
    variables: unknown,
    token: string | null,
    signal?: AbortSignal,
  ): Promise<CarebookResult<TData>> {
    let response: Response;
    try {
      response = await fetchImpl(options.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/graphql-response+json, application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify({ query, variables: variables ?? {} }),
        signal,
      });
    } catch (error) {
      if (signal?.aborted) throw error;
      throw new CarebookNetworkError(
        'The Carebook service cannot be reached. Check the connection and try again.',
        undefined,
        { cause: error },
      );
    }
    let body: { data?: TData | null; errors?: GraphQLFormattedError[] };
    try {
      body = (await response.json()) as typeof body;
    } catch (error) {
      throw new CarebookNetworkError(
        `The Carebook service answered HTTP ${response.status} without a GraphQL result. Try again in a moment.`,
        response.status,
        { cause: error },
      );
    }
    return { data: body.data, errors: body.errors, status: response.status };
  }

  const execute: CarebookClient['execute'] = async (document, variables, requestOptions = {}) => {
    const query = textOf(document);
    if (requestOptions.token !== undefined) return post(query, variables, requestOptions.token, requestOptions.signal);
    const token = await getToken();
    // Typed as the caller's document's result (never fits every TData); it is returned as it came.
    const result = await post<never>(query, variables, token, requestOptions.signal);
    if (!refresh || !hasCode(result.errors, 'UNAUTHENTICATED')) return result;
    // Once: another request may already have renewed the token meanwhile; otherwise renew it.
    const current = await getToken();
    const fresh = current && current !== token ? current : await refresh();
    if (!fresh || fresh === token) return result;
    return post(query, variables, fresh, requestOptions.signal);
  };

  const request: CarebookClient['request'] = async (document, variables, requestOptions) => {
    const result = await execute(document, variables, requestOptions);
    if (result.errors?.length || result.data == null)
      throw new CarebookRequestError(result.errors ?? [], result.status);
    return result.data;
  };

  // ---------------------------------------------------------------- subscriptions

  let ws: WsClient | null = null;
  let socket: { close(code: number, reason: string): void } | null = null;
  let connectionToken: string | null = null;
  let refusedInARow = 0;
  // A subscription renewed after its token expired missed what happened meanwhile, like after a drop.
  let renewing = false;

  function liveClient(): WsClient {
    ws ??= createWsClient({
      url: options.wsUrl ?? options.url.replace(/^http/, 'ws'),
      webSocketImpl: options.webSocketImpl,
      lazy: true,
      connectionParams: async () => {
        connectionToken = await getToken();
        return connectionToken ? { authorization: `Bearer ${connectionToken}` } : {};
      },
      retryAttempts: options.reconnect?.attempts ?? Number.POSITIVE_INFINITY,
      retryWait: (retries) => new Promise((resolve) => setTimeout(resolve, backoffDelay(retries, options.reconnect))),
      shouldRetry: (problem) => {
        // The gateway refuses an expired token at connection_init (4403): renew it once, then give up.
        if ((problem as { code?: number })?.code === FORBIDDEN_CLOSE_CODE) {
          refusedInARow += 1;
          if (!refresh || refusedInARow > 1) return false;
          void refresh().catch(() => null);
          return true;
        }
        // Anything else (a gateway restarting, a network change): keep trying, with backoff.
        return true;
      },
      on: {
        connected: (connected, _payload, wasRetry) => {
          socket = connected as typeof socket;
          refusedInARow = 0;
          if (wasRetry || renewing) options.onReconnect?.();
          renewing = false;
        },
        closed: () => {
          socket = null;
        },
      },
    });
    return ws;
  }

  /** After a refresh: a new connection carries the new token (the gateway checks it at connection_init). */
  function reconnectWith(token: string) {
    if (connectionToken === token) return;
    connectionToken = token;
    socket?.close(RESTART_CLOSE_CODE, 'Client restart: renewed access token');
  }

  const subscribe: CarebookClient['subscribe'] = (document, variables, sink) => {
    const payload = { query: textOf(document), variables: (variables ?? {}) as Record<string, unknown> };
    let stop: () => void = () => undefined;
    let stopped = false;
    let renewedFor: string | null = null;
    const start = () => {
      let ending = false;
      // The sink's data is the caller's document's type, which graphql-ws has no way to know.
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      stop = liveClient().subscribe<any>(payload, {
        next: (result) => {
          // The gateway ends a subscription whose token expired with UNAUTHENTICATED: renew, reconnect, resubscribe.
          if (refresh && !result.data && hasCode(result.errors, 'UNAUTHENTICATED') && renewedFor !== connectionToken) {
            ending = true;
            renewedFor = connectionToken;
            refresh().then(
              (fresh) => {
                if (stopped) return;
                if (!fresh) {
                  sink.next(result);
                  return sink.complete?.();
                }
                renewing = true;
                reconnectWith(fresh);
                start();
              },
              (error) => sink.error?.(error),
            );
            return;
          }
          sink.next(result);
        },
        error: (error) => sink.error?.(error),
        complete: () => {
          if (!ending) sink.complete?.();
        },
      });
    };
    start();
    return () => {
      stopped = true;
      stop();
    };
  };

  return {
    execute,
    request,
    subscribe,
    async dispose() {
      await ws?.dispose();
      ws = null;
    },
  };
}
