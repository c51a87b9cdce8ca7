import { Principal, Role } from '@carebook/platform';
import { chartRefusal, ChartScope, needsCareLookup } from './chart-access';

const PATIENT_ID = 'patient-1';
const user = (role: Role, userId = 'someone'): Principal => ({ kind: 'user', role, userId, token: 't' });
const service: Principal = { kind: 'service', service: 'appointment', token: 't' };

const outcome = (principal: Principal | null, caresFor: boolean, scope: ChartScope) => chartRefusal(principal, PATIENT_ID, caresFor, scope)?.extensions.code ?? 'allowed';

describe('who may see a patient', () => {
  it.each<[string, Principal | null, boolean, string, string]>([
    ['nobody signed in', null, false, 'UNAUTHENTICATED', 'UNAUTHENTICATED'],
    ['an admin', user(Role.ADMIN), false, 'allowed', 'allowed'],
    ['the patient themselves', user(Role.PATIENT, PATIENT_ID), false, 'allowed', 'allowed'],
    ['another patient', user(Role.PATIENT, 'patient-2'), false, 'FORBIDDEN', 'FORBIDDEN'],
    ['a doctor with an appointment', user(Role.DOCTOR), true, 'allowed', 'allowed'],
    ['a doctor without one', user(Role.DOCTOR), false, 'FORBIDDEN', 'FORBIDDEN'],
    ['another Carebook service', service, false, 'allowed', 'FORBIDDEN'],
  ])('%s: profile %#', (_who, principal, caresFor, profile, records) => {
    expect(outcome(principal, caresFor, 'profile')).toBe(profile);
    expect(outcome(principal, caresFor, 'records')).toBe(records);
  });

  it('tells a doctor without an appointment why', () => {
    expect(chartRefusal(user(Role.DOCTOR), PATIENT_ID, false, 'profile')?.message).toMatch(/no appointment with this patient/);
  });

  it('looks up care relationships for doctors only', () => {
    expect(needsCareLookup(user(Role.DOCTOR))).toBe(true);
    expect([user(Role.ADMIN), user(Role.PATIENT), service, null].map(needsCareLookup)).toEqual([false, false, false, false]);
  });
});
