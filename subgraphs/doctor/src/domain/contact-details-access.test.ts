import { Principal, Role } from '@carebook/platform';
import { contactDetailsAccess } from './contact-details-access';

const doctorId = 'd1';
const user = (role: Role, userId: string): Principal => ({ kind: 'user', role, userId, token: 't' });

describe("who may see a doctor's licence number and phone", () => {
  it.each<[string, Principal | null, string]>([
    ['an anonymous caller', null, 'SIGN_IN_FIRST'],
    ['a patient', user(Role.PATIENT, 'p1'), 'NOT_YOURS'],
    ['a patient whose id happens to match', user(Role.PATIENT, doctorId), 'NOT_YOURS'],
    ['another doctor', user(Role.DOCTOR, 'd2'), 'NOT_YOURS'],
    ['the doctor themselves', user(Role.DOCTOR, doctorId), 'ALLOWED'],
    ['an admin', user(Role.ADMIN, 'a1'), 'ALLOWED'],
  ])('%s', (_who, principal, expected) => {
    expect(contactDetailsAccess(principal, doctorId)).toBe(expected);
  });
});
