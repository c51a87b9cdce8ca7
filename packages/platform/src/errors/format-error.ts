import type { GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import { unwrapResolverError } from '@apollo/server/errors';
import { AppError, isErrorCode } from './app-errors';

/** Codes Apollo/graphql-js give to a malformed request: the client's fault, shown as they are. */
const REQUEST_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'OPERATION_RESOLUTION_FAILURE',
]);

interface ValidationErrorLike {
  property: string;
  constraints?: Record<string, string>;
  children?: ValidationErrorLike[];
}

function validationMessages(errors: ValidationErrorLike[], prefix = ''): string[] {
  return errors.flatMap((error) => {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {});
    return [...own, ...validationMessages(error.children ?? [], path)];
  });
}

/** graphql-js's suggestions: " Did you mean "slotId"?", " Did you mean the enum value "MALE"?", ... */
const SUGGESTION = /\s*Did you mean [^?]*\?/g;

/**
 * The message without graphql-js's "Did you mean ...?" suggestions, which
 * name fields, arguments, types and enum values near what was sent: with
 * introspection off they still let anyone map the schema by guessing.
 */
export function withoutSchemaHints(message: string): string {
  return message.replace(SUGGESTION, '');
}

export interface ErrorFormatterOptions {
  /** Production: drop schema suggestions from every message (see withoutSchemaHints). */
  hideSchemaHints?: boolean;
}

/**
 * Turns any error into one a client can act on: contract codes pass through,
 * class-validator failures become one readable BAD_USER_INPUT message, and
 * anything unexpected is logged in full and shown as INTERNAL_SERVER_ERROR
 * without stack, SQL or internals.
 */
export function createErrorFormatter(logger: Logger, options: ErrorFormatterOptions = {}) {
  const format = formatError(logger);
  if (!options.hideSchemaHints) return format;
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const result = format(formatted, error);
    return { ...result, message: withoutSchemaHints(result.message) };
  };
}

function formatError(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error) as { validationErrors?: ValidationErrorLike[] } | null | undefined;
    const code = formatted.extensions?.code;
    const validationErrors =
      (formatted.extensions?.validationErrors as ValidationErrorLike[] | undefined) ?? original?.validationErrors;
    if (validationErrors?.length) {
      const messages = validationMessages(validationErrors);
      return {
        message: messages.join('; ') || 'The input is not valid.',
        locations: formatted.locations,
        path: formatted.path,
        extensions: { code: 'BAD_USER_INPUT', fields: validationErrors.map((e) => e.property) },
      };
    }
    if (original instanceof AppError || (isErrorCode(code) && code !== 'INTERNAL_SERVER_ERROR')) {
      const { stacktrace, ...extensions } = (formatted.extensions ?? {}) as Record<string, unknown>;
      return { ...formatted, extensions };
    }
    if (typeof code === 'string' && REQUEST_ERROR_CODES.has(code)) {
      return { message: formatted.message, locations: formatted.locations, extensions: { code } };
    }
    logger.error({ err: original ?? error, path: formatted.path }, 'unexpected error while resolving');
    return {
      message: 'Something went wrong on our side; it has been logged. Please try again.',
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}
