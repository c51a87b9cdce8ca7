import { Principal, RequestContext, Role } from '@carebook/platform';
import { isBoundByPolicy } from './booking-window';
import { requireScheduleOwner, requireScheduleReader } from './schedule-access';

const as = (role: Role, userId = 'user-1') =>
  ({ principal: { kind: 'user', role, userId, token: 't' } satisfies Principal }) as unknown as RequestContext;
const codeOf = (run: () => unknown) => {
  try {
    run();
    return 'ALLOWED';
  } catch (error) {
    return (error as { extensions?: { code?: string } }).extensions?.code;
  }
};

describe("who sees and who changes a doctor's schedule", () => {
  it.each([
    ['the doctor', as(Role.DOCTOR, 'doctor-1'), 'ALLOWED', 'ALLOWED'],
    ['another doctor', as(Role.DOCTOR, 'doctor-2'), 'FORBIDDEN', 'FORBIDDEN'],
    ['an admin', as(Role.ADMIN), 'ALLOWED', 'ALLOWED'],
    ['the front desk', as(Role.STAFF), 'ALLOWED', 'FORBIDDEN'],
    ['a patient', as(Role.PATIENT), 'FORBIDDEN', 'FORBIDDEN'],
    ['nobody signed in', {} as RequestContext, 'UNAUTHENTICATED', 'UNAUTHENTICATED'],
  ])('%s: sees %s, changes hours %s', (_who, ctx, sees, changes) => {
    expect(codeOf(() => requireScheduleReader(ctx, 'doctor-1'))).toBe(sees);
    expect(codeOf(() => requireScheduleOwner(ctx, 'doctor-1'))).toBe(changes);
  });

  it('shows the front desk every free slot, as other staff, unbound by the booking window', () => {
    expect(isBoundByPolicy(as(Role.STAFF).principal)).toBe(false);
    expect(isBoundByPolicy(as(Role.PATIENT).principal)).toBe(true);
  });
});
