import { Principal, Role } from '@carebook/platform';
import { chartRefusal, needsCareLookup } from './chart-access';

const PATIENT_ID = 'patient-1';
const user = (role: Role, userId = 'someone'): Principal => ({ kind: 'user', role, userId, token: 't' });

const outcome = (principal: Principal | null, caresFor: boolean) => chartRefusal(principal, PATIENT_ID, caresFor)?.extensions.code ?? 'allowed';

describe('who may see a patient', () => {
  it.each<[string, Principal | null, boolean, string]>([
    ['nobody signed in', null, false, 'UNAUTHENTICATED'],
    ['an admin', user(Role.ADMIN), false, 'allowed'],
    ['the patient themselves', user(Role.PATIENT, PATIENT_ID), false, 'allowed'],
    ['another patient', user(Role.PATIENT, 'patient-2'), false, 'FORBIDDEN'],
    ['a doctor with an appointment', user(Role.DOCTOR), true, 'allowed'],
    ['a doctor without one', user(Role.DOCTOR), false, 'FORBIDDEN'],
  ])('%s: %#', (_who, principal, caresFor, expected) => {
    expect(outcome(principal, caresFor)).toBe(expected);
  });

  it('tells a doctor without an appointment why', () => {
    expect(chartRefusal(user(Role.DOCTOR), PATIENT_ID, false)?.message).toMatch(/no appointment with this patient/);
  });

  it('looks up care relationships for doctors only', () => {
    expect(needsCareLookup(user(Role.DOCTOR))).toBe(true);
    expect([user(Role.ADMIN), user(Role.PATIENT), null].map(needsCareLookup)).toEqual([false, false, false]);
  });
});
