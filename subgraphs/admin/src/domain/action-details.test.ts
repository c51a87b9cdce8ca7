import { MAX_DETAILS_LENGTH, serialiseDetails } from './action-details';

/** What `run` throws (undefined when it does not throw), for matching its fields. */
function thrownBy(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('serialiseDetails', () => {
  it('stores plain facts as JSON text', () => {
    expect(JSON.parse(serialiseDetails({ reason: 'Left the clinic', oldRole: 'DOCTOR', newRole: 'ADMIN' }))).toEqual({
      reason: 'Left the clinic',
      oldRole: 'DOCTOR',
      newRole: 'ADMIN',
    });
    expect(serialiseDetails(undefined)).toBe('{}');
  });

  it('refuses keys that name secrets, contact or medical data, however deep, naming them', () => {
    expect(() => serialiseDetails({ password: 'x' })).toThrow(/password/);
    expect(() => serialiseDetails({ doctor: { mobilePhone: '+49 30 1' } })).toThrow(/doctor\.mobilePhone/);
    expect(() => serialiseDetails({ changes: [{ medicalHistory: '...' }] })).toThrow(/changes\[0\]\.medicalHistory/);
    expect(thrownBy(() => serialiseDetails({ Email: 'a@b.c' }))).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  it('refuses details too long to be a summary', () => {
    expect(() => serialiseDetails({ reason: 'x'.repeat(MAX_DETAILS_LENGTH) })).toThrow(/at most 2000 characters/);
  });
});
