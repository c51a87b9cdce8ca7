import type { GraphQLFormattedError } from 'graphql';
import { Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { GraphqlOperation, operationText, UntypedAnswer } from './graphql-client';

/** One result as it reached the client, and when (ms since the epoch); typed by the subscription's document. */
export interface LiveResult<T = UntypedAnswer> {
  data?: T | null;
  errors?: readonly GraphQLFormattedError[];
  receivedAt: number;
}

export interface LiveSubscription<T = UntypedAnswer> {
  results: Array<LiveResult<T>>;
  /** Resolves when the server completes the subscription (or it errors). */
  ended: Promise<{ error?: unknown }>;
  /** The first result (already received or to come) that matches, or a timeout error. */
  next(match: (result: LiveResult<T>) => boolean, timeoutMs?: number): Promise<LiveResult<T>>;
  stop(): void;
}

/**
 * A graphql-ws client as a staff dashboard would open it (token in
 * connectionParams.authorization), recording what arrives.
 */
export function liveClient(gatewayUrl: string, token?: string) {
  const closes: Array<{ code: number; reason: string }> = [];
  const client: Client = createClient({
    url: gatewayUrl.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
    lazy: true,
    on: {
      closed: (event) =>
        closes.push({ code: (event as { code: number }).code, reason: String((event as { reason: string }).reason) }),
    },
  });

  /** A typed document gives typed results. */
  function subscribe<T, V>(operation: TypedDocumentNode<T, V>, variables?: NoInfer<V>): LiveSubscription<T>;
  /** An operation's text: its results are `unknown` until read with a narrow type; last, so ReturnType<subscribe> is this. */
  function subscribe(query: string, variables?: Record<string, unknown>): LiveSubscription;
  function subscribe<T, V>(
    operation: GraphqlOperation<T, V>,
    variables: V | Record<string, unknown> = {},
  ): LiveSubscription<T> {
    const results: Array<LiveResult<T>> = [];
    const waiters: Array<() => void> = [];
    let end!: (value: { error?: unknown }) => void;
    const ended = new Promise<{ error?: unknown }>((resolve) => (end = resolve));
    const dispose = client.subscribe<T>(
      { query: operationText(operation), variables: variables as Record<string, unknown> },
      {
        next: (result) => {
          results.push({ ...result, receivedAt: Date.now() });
          for (const wake of waiters.splice(0)) wake();
        },
        error: (error) => end({ error }),
        complete: () => end({}),
      },
    );
    return {
      results,
      ended,
      stop: dispose,
      async next(match, timeoutMs = 15_000) {
        const deadline = Date.now() + timeoutMs;
        for (;;) {
          const found = results.find(match);
          if (found) return found;
          const left = deadline - Date.now();
          if (left <= 0) throw new Error(`no matching result within ${timeoutMs} ms; got ${JSON.stringify(results)}`);
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, left);
            waiters.push(() => {
              clearTimeout(timer);
              resolve();
            });
          });
        }
      },
    };
  }

  return { client, closes, subscribe, dispose: () => client.dispose() };
}

/** Waits until the gateway at `healthUrl` counts `count` live subscriptions (so a change published next reaches them). */
export async function untilSubscribed(gatewayUrl: string, count: number, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const health = (await (await fetch(gatewayUrl.replace(/\/graphql$/, '/health'))).json()) as {
      live: { subscriptions: number };
    };
    if (health.live.subscriptions >= count) return;
    if (Date.now() > deadline)
      throw new Error(`the gateway counts ${health.live.subscriptions} subscriptions, expected ${count}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
