/** The Carebook SDK: typed documents for every operation of the client contract, and a client to send them. */
export * from './generated/operations';
export { createCarebookClient } from './client/create-client';
export type {
  CarebookClient,
  CarebookClientOptions,
  CarebookResult,
  RequestOptions,
  SubscriptionSink,
} from './client/create-client';
export { CarebookNetworkError, CarebookRequestError, codeOf, hasCode } from './client/errors';
export type { ErrorCode } from './client/errors';
export { backoffDelay } from './client/backoff';
export type { BackoffOptions } from './client/backoff';
export type { TypedDocumentNode } from '@graphql-typed-document-node/core';
