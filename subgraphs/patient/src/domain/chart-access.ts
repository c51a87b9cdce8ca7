import { AppError, Forbidden, Principal, Role, Unauthenticated } from '@carebook/platform';

/** A patient's profile, or also their medical records. */
export type ChartScope = 'profile' | 'records';

export const NO_APPOINTMENT_MESSAGE = 'You have no appointment with this patient, so you cannot see or write in their chart.';

/** A doctor's access depends on their care relationships, which must be looked up; nobody else's does. */
export function needsCareLookup(principal: Principal | null): principal is Extract<Principal, { kind: 'user' }> {
  return principal?.kind === 'user' && principal.role === Role.DOCTOR;
}

/**
 * Why the caller may not see this patient's profile or records, or undefined
 * if they may. Admins see every patient; a patient only themselves; a doctor
 * the patients they have (or had) an appointment with (`caresFor`). Other
 * Carebook services may resolve profiles (notifications need the phone
 * number) but not medical records.
 */
export function chartRefusal(principal: Principal | null, patientId: string, caresFor: boolean, scope: ChartScope): AppError | undefined {
  if (!principal) return new Unauthenticated();
  if (principal.kind === 'service') {
    return scope === 'profile' ? undefined : new Forbidden('Medical records are not available to services.');
  }
  switch (principal.role) {
    case Role.ADMIN:
      return undefined;
    case Role.PATIENT:
      return principal.userId === patientId ? undefined : new Forbidden('You can only see your own patient profile.');
    case Role.DOCTOR:
      return caresFor ? undefined : new Forbidden(NO_APPOINTMENT_MESSAGE);
    default:
      return new Forbidden();
  }
}
