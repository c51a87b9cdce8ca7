import type { liveClient, LiveResult, LiveSubscription } from '@carebook/platform/testing';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';

/** A live result whose data has its document's result type (null when an error took the whole of it). */
export type TypedLiveResult<T> = Omit<LiveResult, 'data'> & { data?: T | null };

/** A subscription of the test kit's live client, its results read with its document's result type. */
export interface TypedLiveSubscription<T> extends Omit<LiveSubscription, 'results' | 'next'> {
  results: Array<TypedLiveResult<T>>;
  next(match: (result: TypedLiveResult<T>) => boolean, timeoutMs?: number): Promise<TypedLiveResult<T>>;
}

/**
 * Subscribes with a typed document, printed as it goes on the wire. The live client takes an operation's text
 * and hands each result's data over as `any`; the document says what the gateway answers.
 */
export function subscribeTyped<T, V extends Record<string, unknown>>(
  client: ReturnType<typeof liveClient>,
  document: TypedDocumentNode<T, V>,
  // NoInfer: the document alone says what its variables are, as with postGraphql.
  variables: NoInfer<V> = {} as NoInfer<V>,
): TypedLiveSubscription<T> {
  return client.subscribe(print(document), variables);
}
