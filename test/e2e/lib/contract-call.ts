import { GraphqlResponse, postGraphql } from '@carebook/platform/testing';
import type { TypedDocumentNode } from '@carebook/sdk';
import { print } from 'graphql';

/**
 * A contract call's answer. `data` is typed as present: a test that reads it
 * after the API refused fails right there on the undefined, which is the
 * failure it should have; refusals are read from `errors` (errorCode).
 */
export type ContractResponse<TResult> = Omit<GraphqlResponse<TResult>, 'data'> & { data: TResult };

export type ContractCall = <TResult, TVariables>(
  document: TypedDocumentNode<TResult, TVariables>,
  variables?: TVariables,
  token?: string,
  headers?: Record<string, string>,
) => Promise<ContractResponse<TResult>>;

/**
 * Sends the SDK's typed documents to a gateway the way front ends do, so
 * results and variables are typed by the contract. The document is printed,
 * which gives the operation's text exactly as clients/operations has it
 * (contract-call.test.ts checks that), so the gateway's operation log still
 * records the operation by name.
 */
export function contractCall(gatewayUrl: string): ContractCall {
  return async <TResult, TVariables>(
    document: TypedDocumentNode<TResult, TVariables>,
    variables?: TVariables,
    token?: string,
    headers?: Record<string, string>,
  ) =>
    (await postGraphql<TResult>(
      gatewayUrl,
      print(document),
      variables ?? {},
      token,
      headers,
    )) as ContractResponse<TResult>;
}

/**
 * A value the contract's types rule out (an unknown enum value, say), sent on
 * purpose to prove the API refuses it: typed as fitting anywhere, so the
 * call still type-checks and the intent is named where it is sent.
 */
export function outOfContract(value: unknown): never {
  return value as never;
}
