import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { CarebookNetworkError, CarebookRequestError, codeOf } from '@carebook/sdk';
import { t } from '../i18n';

/**
 * What to tell a person about a failed request. The API's messages are
 * written for people (what is wrong, what to do) and are shown as they are;
 * a server fault or a lost connection gets our own words. Never a code or a
 * stack trace. `signingIn`: the request was a sign-in, so UNAUTHENTICATED
 * means wrong credentials rather than an ended session.
 */
export function messageFor(error: unknown, { signingIn = false }: { signingIn?: boolean } = {}): string {
  const errors = CombinedGraphQLErrors.is(error)
    ? error.errors
    : error instanceof CarebookRequestError
      ? error.errors
      : null;
  if (errors?.length) {
    const first = errors[0];
    switch (codeOf(first)) {
      case 'BAD_USER_INPUT':
      case 'CONFLICT':
      case 'NOT_FOUND':
        return first.message;
      case 'FORBIDDEN':
        // Too many attempts (sign-in, reset links): the API's message says how long to wait.
        return first.extensions?.reason === 'RATE_LIMITED' ? first.message : t.errors.forbidden;
      case 'UNAUTHENTICATED':
        // Refusing a sign-in is about the email and password given ("The email or password is wrong."), not a session.
        return signingIn ? first.message : t.auth.sessionEnded;
      default:
        return t.errors.server;
    }
  }
  if (error instanceof CarebookNetworkError || (error instanceof TypeError && /fetch/i.test(error.message)))
    return t.errors.network;
  return t.errors.server;
}

/** Whether the API said the caller must sign in (again). */
export function needsSignIn(error: unknown): boolean {
  return CombinedGraphQLErrors.is(error) && error.errors.some((e) => codeOf(e) === 'UNAUTHENTICATED');
}

/** Whether the API refused the request because of this input field (BAD_USER_INPUT with extensions.field). */
export function isAboutField(error: unknown, field: string): boolean {
  const errors = CombinedGraphQLErrors.is(error)
    ? error.errors
    : error instanceof CarebookRequestError
      ? error.errors
      : [];
  return errors.some((e) => codeOf(e) === 'BAD_USER_INPUT' && e.extensions?.field === field);
}
