import { GraphQLError } from 'graphql';

/** The error codes of the client contract (operations.graphql). */
export const ERROR_CODES = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'LIMIT_REACHED',
  'INTERNAL_SERVER_ERROR',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export class AppError extends GraphQLError {
  constructor(
    readonly code: ErrorCode,
    message: string,
    extensions: Record<string, unknown> = {},
  ) {
    super(message, { extensions: { ...extensions, code } });
  }
}

export class BadUserInput extends AppError {
  /** `field` names the input that is wrong, so a form can highlight it; `extensions` add what a client can act on (a rule, a time). */
  constructor(message: string, field?: string, extensions: Record<string, unknown> = {}) {
    super('BAD_USER_INPUT', message, { ...extensions, ...(field ? { field } : {}) });
  }
}

export class Unauthenticated extends AppError {
  constructor(message = 'You need to sign in to do this.') {
    super('UNAUTHENTICATED', message);
  }
}

export class Forbidden extends AppError {
  constructor(message = 'You are not allowed to do this.', extensions: Record<string, unknown> = {}) {
    super('FORBIDDEN', message, extensions);
  }
}

export class NotFound extends AppError {
  constructor(what: string, id?: string) {
    super('NOT_FOUND', id ? `${what} ${id} does not exist.` : `${what} does not exist.`);
  }
}

export class Conflict extends AppError {
  constructor(message: string, extensions: Record<string, unknown> = {}) {
    super('CONFLICT', message, extensions);
  }
}

/**
 * A fair-use limit stops the request (too many of something held at once):
 * its own code, so a front end can say so instead of offering a retry.
 * `limit` names the allowed number.
 */
export class LimitReached extends AppError {
  constructor(message: string, limit: number) {
    super('LIMIT_REACHED', message, { limit });
  }
}

export class InternalError extends AppError {
  constructor(message = 'Something went wrong on our side; please try again.') {
    super('INTERNAL_SERVER_ERROR', message);
  }
}

export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && (ERROR_CODES as readonly string[]).includes(code);
}
