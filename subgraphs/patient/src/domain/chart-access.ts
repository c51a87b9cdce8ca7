import { AppError, Forbidden, Principal, Role, Unauthenticated } from '@carebook/platform';

export const NO_APPOINTMENT_MESSAGE =
  'You have no appointment with this patient, so you cannot see or write in their chart.';
export const FRONT_DESK_MESSAGE =
  "The front desk sees patients' contact details, never their chart (medical history and records).";

/** A doctor's access depends on their care relationships, which must be looked up; nobody else's does. */
export function needsCareLookup(principal: Principal | null): principal is Principal {
  return principal?.role === Role.DOCTOR;
}

/**
 * Why the caller may not see this patient's chart (profile and records), or undefined
 * if they may. Admins see every patient; a patient only themselves; a doctor
 * the patients they have (or had) an appointment with (`caresFor`). Nobody
 * else: the front desk (STAFF) sees contact details only (`contactRefusal`),
 * services read them over the internal `contacts` route.
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
    case Role.STAFF:
      return new Forbidden(FRONT_DESK_MESSAGE);
    default:
      return new Forbidden();
  }
}

/**
 * Why the caller may not see this patient's contact card (name, email, phone,
 * date of birth: a patient found at the front desk, or named on an
 * appointment), or undefined if they may: whoever may see the chart, and the
 * front desk for every patient.
 */
export function contactRefusal(
  principal: Principal | null,
  patientId: string,
  caresFor: boolean,
): AppError | undefined {
  return principal?.role === Role.STAFF ? undefined : chartRefusal(principal, patientId, caresFor);
}
