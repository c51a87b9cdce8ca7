import type { GraphQLFormattedError } from 'graphql';

/** The codes the API puts in extensions.code (see the contract's header). */
export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'INTERNAL_SERVER_ERROR'
  | (string & {});

/** The code of an error, or undefined. */
export function codeOf(error: GraphQLFormattedError | undefined): ErrorCode | undefined {
  const code = error?.extensions?.code;
  return typeof code === 'string' ? code : undefined;
}

export function hasCode(errors: readonly GraphQLFormattedError[] | undefined, code: ErrorCode): boolean {
  return !!errors?.some((error) => codeOf(error) === code);
}

/** The API answered with errors (request() throws it; execute() returns them). */
export class CarebookRequestError extends Error {
  readonly code: ErrorCode | undefined;
  constructor(
    readonly errors: readonly GraphQLFormattedError[],
    readonly status?: number,
  ) {
    super(errors.map((e) => e.message).join('\n') || 'The request failed.');
    this.name = 'CarebookRequestError';
    this.code = codeOf(errors[0]);
  }
}

/** The API could not be reached, or answered something that is not GraphQL (a proxy's error page). */
export class CarebookNetworkError extends Error {
  constructor(
    message: string,
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'CarebookNetworkError';
  }
}
