import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { DocumentNode, print } from 'graphql';

/**
 * What an operation posted as text answers, until the caller names its shape: `unknown` (every suite reads a
 * typed document's answer, or narrows what it sent outside the contract).
 */
export type UntypedAnswer = unknown;

export interface GraphqlResponse<T = UntypedAnswer> {
  status: number;
  data?: T;
  errors?: Array<{
    message: string;
    extensions?: { code?: string; [key: string]: unknown };
    path?: Array<string | number>;
  }>;
}

/**
 * What a test posts: a typed document (generated beside the tests, or the SDK's), whose result and variables
 * are typed, or an operation's text, whose result is `any` (suites not yet moved to typed documents).
 */
export type GraphqlOperation<T = UntypedAnswer, V = Record<string, unknown>> = string | TypedDocumentNode<T, V>;

/** The operation's text as it goes on the wire. */
export function operationText(operation: string | DocumentNode): string {
  return typeof operation === 'string' ? operation : print(operation);
}

/**
 * Variables a test sends wrong on purpose, to see them refused: the document's variables type would refuse them
 * at compile time, so they go unchecked.
 */
export function wrongVariables(variables: Record<string, unknown>): never {
  return variables as never;
}

/** Posts one operation the way a front end does; returns status, data and errors. */
export async function postGraphql<T = UntypedAnswer, V = Record<string, unknown>>(
  url: string,
  operation: GraphqlOperation<T, V>,
  // NoInfer: the document alone says what its variables are, so a wrong one is an error rather than a widening.
  variables: NoInfer<V> = {} as NoInfer<V>,
  token?: string,
  headers: Record<string, string> = {},
): Promise<GraphqlResponse<T>> {
  const response = await fetch(url.endsWith('/graphql') ? url : `${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: JSON.stringify({ query: operationText(operation), variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: GraphqlResponse['errors'] };
  return { status: response.status, data: body.data ?? undefined, errors: body.errors };
}

/** The first error's code, for assertions. */
export function errorCode(response: GraphqlResponse<unknown>): string | undefined {
  return response.errors?.[0]?.extensions?.code;
}
