import { Principal, Role } from '@carebook/platform';
import { chartRefusal, contactRefusal, needsCareLookup } from './chart-access';

const PATIENT_ID = 'patient-1';
const user = (role: Role, userId = 'someone'): Principal => ({ kind: 'user', role, userId, token: 't' });

const outcome = (principal: Principal | null, caresFor: boolean) =>
  chartRefusal(principal, PATIENT_ID, caresFor)?.extensions.code ?? 'allowed';

describe('who may see a patient', () => {
  it.each<[string, Principal | null, boolean, string]>([
    ['nobody signed in', null, false, 'UNAUTHENTICATED'],
    ['an admin', user(Role.ADMIN), false, 'allowed'],
    ['the patient themselves', user(Role.PATIENT, PATIENT_ID), false, 'allowed'],
    ['another patient', user(Role.PATIENT, 'patient-2'), false, 'FORBIDDEN'],
    ['a doctor with an appointment', user(Role.DOCTOR), true, 'allowed'],
    ['a doctor without one', user(Role.DOCTOR), false, 'FORBIDDEN'],
    ['the front desk', user(Role.STAFF), false, 'FORBIDDEN'],
  ])('%s: %#', (_who, principal, caresFor, expected) => {
    expect(outcome(principal, caresFor)).toBe(expected);
  });

  it('tells a doctor without an appointment why', () => {
    expect(chartRefusal(user(Role.DOCTOR), PATIENT_ID, false)?.message).toMatch(/no appointment with this patient/);
  });

  it('tells the front desk it sees contact details, never the chart', () => {
    expect(chartRefusal(user(Role.STAFF), PATIENT_ID, false)?.message).toMatch(/contact details, never their chart/);
  });

  it('shows the contact card to the front desk and to whoever sees the chart, nobody else', () => {
    const contact = (principal: Principal | null, caresFor: boolean) =>
      contactRefusal(principal, PATIENT_ID, caresFor)?.extensions.code ?? 'allowed';
    expect(contact(user(Role.STAFF), false)).toBe('allowed');
    expect(contact(user(Role.ADMIN), false)).toBe('allowed');
    expect(contact(user(Role.PATIENT, PATIENT_ID), false)).toBe('allowed');
    expect(contact(user(Role.DOCTOR), true)).toBe('allowed');
    expect(contact(user(Role.DOCTOR), false)).toBe('FORBIDDEN');
    expect(contact(user(Role.PATIENT, 'patient-2'), false)).toBe('FORBIDDEN');
    expect(contact(null, false)).toBe('UNAUTHENTICATED');
  });

  it('looks up care relationships for doctors only', () => {
    expect(needsCareLookup(user(Role.DOCTOR))).toBe(true);
    expect([user(Role.ADMIN), user(Role.PATIENT), user(Role.STAFF), null].map(needsCareLookup)).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });
});
