import { AppError, Forbidden, Principal, Role, Unauthenticated } from '@carebook/platform';

export const NO_APPOINTMENT_MESSAGE = 'You have no appointment with this patient, so you cannot see or write in their chart.';

/** A doctor's access depends on their care relationships, which must be looked up; nobody else's does. */
export function needsCareLookup(principal: Principal | null): principal is Principal {
  return principal?.role === Role.DOCTOR;
}

/**
 * Why the caller may not see this patient's chart (profile and records), or undefined
 * if they may. Admins see every patient; a patient only themselves; a doctor
 * the patients they have (or had) an appointment with (`caresFor`). Nobody
 * else: services read contact details over the internal `contacts` route,
 * never through GraphQL.
 */
export function chartRefusal(principal: Principal | null, patientId: string, caresFor: boolean): AppError | undefined {
  if (!principal) return new Unauthenticated();
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
