import { assertNotStarted, isLateChange, Role } from '@carebook/platform';
import type { Appointment } from '../entities/appointment.entity';
import type { Actor, AppointmentDeps } from '../deps';
import type { MedicalServiceFacts } from '@carebook/platform';

/**
 * Whether a cancel or move of the appointment now is a late one: asked by
 * its patient inside the service's cancellation window. A patient may still
 * make it (it is recorded, and billing may add LATE_CANCEL_FEE), but not once
 * the visit has started (refused, naming its start). Staff (the doctor, an
 * admin) are bound by neither. `known` saves the lookup when the caller
 * already holds the appointment's service.
 */
export async function isLateChangeBy(
  deps: AppointmentDeps,
  actor: Actor,
  appointment: Pick<Appointment, 'startsAt' | 'serviceId'>,
  what: 'cancel' | 'move',
  now: Date,
  known?: MedicalServiceFacts,
): Promise<boolean> {
  if (actor.role !== Role.PATIENT) return false;
  assertNotStarted(appointment.startsAt, now, what);
  const service =
    known?.id === appointment.serviceId ? known : await deps.doctors.medicalService(appointment.serviceId);
  return isLateChange(appointment.startsAt, service.bookingPolicy, now);
}
