import { assertDeactivationReason, assertNotSelf, normaliseUserId } from './user-rules';

const ID = '3f1c2a9e-6b1d-4c6e-9d6a-0a4f5b7c8d9e';

describe('user rules', () => {
  it('accepts user ids in any case and keeps the lower-case form auth stores', () => {
    expect(normaliseUserId(ID.toUpperCase())).toBe(ID);
    expect(() => normaliseUserId('42')).toThrow(/userId must be a user id/);
  });

  it('needs a reason of 3 to 500 characters, trimmed', () => {
    expect(assertDeactivationReason('  Left the clinic  ')).toBe('Left the clinic');
    expect(() => assertDeactivationReason('  no ')).toThrow(/reason must be 3 to 500/);
    expect(() => assertDeactivationReason('x'.repeat(501))).toThrow(/reason must be 3 to 500/);
  });

  it('stops an admin from deactivating themselves, whatever the spelling of the id', () => {
    expect(() => assertNotSelf(ID, normaliseUserId(ID.toUpperCase()))).toThrow(/cannot deactivate your own account/);
    expect(() => assertNotSelf(ID, '00000000-0000-4000-8000-000000000000')).not.toThrow();
  });
});
