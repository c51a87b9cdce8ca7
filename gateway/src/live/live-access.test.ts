import { Role } from '@carebook/platform';
import { accessScopeOf, audienceFor, expiryOf, Viewer } from './live-access';

const viewer = (role: Role, userId = 'u1', expiresAt = Date.now() + 60_000): Viewer => ({
  token: 't',
  principal: { kind: 'user', userId, role, token: 't' },
  expiresAt,
});
const codeOf = (run: () => unknown) => {
  try {
    run();
    return 'ALLOWED';
  } catch (error) {
    return (error as { extensions?: { code?: string } }).extensions?.code;
  }
};

describe('who may follow which schedule', () => {
  it.each([
    [Role.ADMIN, 'd1', 'ALLOWED'],
    [Role.ADMIN, null, 'ALLOWED'],
    [Role.STAFF, 'd1', 'ALLOWED'],
    [Role.STAFF, null, 'ALLOWED'],
    [Role.DOCTOR, 'u1', 'ALLOWED'],
    [Role.DOCTOR, 'd2', 'FORBIDDEN'],
    [Role.DOCTOR, null, 'FORBIDDEN'],
    [Role.PATIENT, 'd1', 'FORBIDDEN'],
    [Role.PATIENT, null, 'FORBIDDEN'],
  ])('%s asking for doctorId %s: %s', (role, doctorId, expected) => {
    expect(codeOf(() => audienceFor(viewer(role), doctorId))).toBe(expected);
  });

  it('follows the asked doctor, or every doctor for an admin without doctorId, until the token expires', () => {
    const admin = viewer(Role.ADMIN);
    expect(audienceFor(admin, null)).toEqual({ doctorId: null, expiresAt: admin.expiresAt });
    expect(audienceFor(viewer(Role.DOCTOR, 'u1'), 'u1').doctorId).toBe('u1');
    const frontDesk = viewer(Role.STAFF, 's1');
    expect(audienceFor(frontDesk, null)).toEqual({ doctorId: null, expiresAt: frontDesk.expiresAt });
  });

  it('refuses without a viewer or with an expired token', () => {
    expect(codeOf(() => audienceFor(undefined, 'd1'))).toBe('UNAUTHENTICATED');
    expect(codeOf(() => audienceFor(viewer(Role.ADMIN, 'u1', Date.now() - 1), 'd1'))).toBe('UNAUTHENTICATED');
  });

  it('shares executions among admins and among the front desk, never between the two or between two doctors', () => {
    expect(accessScopeOf(viewer(Role.ADMIN, 'a1'))).toBe(accessScopeOf(viewer(Role.ADMIN, 'a2')));
    expect(accessScopeOf(viewer(Role.STAFF, 's1'))).toBe(accessScopeOf(viewer(Role.STAFF, 's2')));
    expect(accessScopeOf(viewer(Role.STAFF, 's1'))).not.toBe(accessScopeOf(viewer(Role.ADMIN, 'a1')));
    expect(accessScopeOf(viewer(Role.DOCTOR, 'd1'))).not.toBe(accessScopeOf(viewer(Role.DOCTOR, 'd2')));
  });

  it("reads a token's expiry", () => {
    const payload = Buffer.from(JSON.stringify({ exp: 2_000_000_000 })).toString('base64url');
    expect(expiryOf(`x.${payload}.y`)).toBe(2_000_000_000_000);
  });
});
