import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { CarebookRequestError } from '@carebook/sdk';
import { t } from '../i18n';
import { isAboutField, messageFor } from './error-message';

const apiError = (code: string, message: string, extensions: Record<string, unknown> = {}) =>
  new CombinedGraphQLErrors({ data: null, errors: [{ message, extensions: { code, ...extensions } }] });

describe('messageFor', () => {
  it('shows a refused sign-in as the API words it, but an ended session in our words elsewhere', () => {
    const wrong = apiError('UNAUTHENTICATED', 'The email or password is wrong.');
    expect(messageFor(wrong, { signingIn: true })).toBe('The email or password is wrong.');
    expect(messageFor(wrong)).toBe(t.auth.sessionEnded);
  });

  it('says how long to wait when attempts are throttled, and keeps other refusals in our words', () => {
    const throttled = apiError('FORBIDDEN', 'Too many reset requests. Try again in 15 minute(s).', {
      reason: 'RATE_LIMITED',
      retryAfterSeconds: 900,
    });
    expect(messageFor(throttled)).toBe('Too many reset requests. Try again in 15 minute(s).');
    expect(messageFor(apiError('FORBIDDEN', 'Only the patient may do this (patient 123).'))).toBe(t.errors.forbidden);
  });
});

describe('isAboutField', () => {
  it('names the input the API refused', () => {
    const spentLink = apiError(
      'BAD_USER_INPUT',
      'This reset link is unknown, was already used or has expired; ask for a new one.',
      { field: 'token' },
    );
    expect(isAboutField(spentLink, 'token')).toBe(true);
    expect(isAboutField(spentLink, 'newPassword')).toBe(false);
    expect(
      isAboutField(
        new CarebookRequestError([
          {
            message: 'password must be at least 10 characters',
            extensions: { code: 'BAD_USER_INPUT', field: 'newPassword' },
          },
        ]),
        'newPassword',
      ),
    ).toBe(true);
    expect(isAboutField(new Error('offline'), 'token')).toBe(false);
  });
});
