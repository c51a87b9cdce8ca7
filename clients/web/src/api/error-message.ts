import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { CarebookNetworkError, CarebookRequestError, codeOf } from '@carebook/sdk';
import { t } from '../i18n';

/**
 * What to tell a person about a failed request. The API's messages are
 * written for people (what is wrong, what to do) and are shown as they are;
 * a server fault or a lost connection gets our own words. Never a code or a
 * stack trace.
 */
export function messageFor(error: unknown): string {
  const errors = CombinedGraphQLErrors.is(error) ? error.errors : error instanceof CarebookRequestError ? error.errors : null;
  if (errors?.length) {
    const first = errors[0];
    switch (codeOf(first)) {
      case 'BAD_USER_INPUT':
      case 'CONFLICT':
      case 'NOT_FOUND':
        return first.message;
      case 'FORBIDDEN':
        return t.errors.forbidden;
      case 'UNAUTHENTICATED':
        return t.auth.sessionEnded;
      default:
        return t.errors.server;
    }
  }
  if (error instanceof CarebookNetworkError || (error instanceof TypeError && /fetch/i.test(error.message))) return t.errors.network;
  return t.errors.server;
}

/** Whether the API said the caller must sign in (again). */
export function needsSignIn(error: unknown): boolean {
  return CombinedGraphQLErrors.is(error) && error.errors.some((e) => codeOf(e) === 'UNAUTHENTICATED');
}
