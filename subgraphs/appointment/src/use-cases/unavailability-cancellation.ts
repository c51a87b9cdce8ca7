import { AppError, DoctorUnavailability, UnavailabilityOutcome } from '@carebook/platform';
import type { EntityManager } from '@mikro-orm/core';
import { ACTIVE_STATUSES } from '../entities/appointment-status.enum';
import { Appointment } from '../entities/appointment.entity';
import { alternativesForSlot } from './booking-target';
import { cancelAppointment } from './cancellation';
import type { Actor, AppointmentDeps } from '../deps';

/** How many other times a patient's notice offers: enough to choose, few enough to read in an email. */
export const NOTICE_ALTERNATIVES = 3;

/** What the patient reads as the cancellation reason (the staff's own note about the time off stays with the staff). */
export const UNAVAILABILITY_REASONS: Record<DoctorUnavailability['cause'], string> = {
  TIME_OFF: 'The doctor is not available at this time.',
  CLINIC_CLOSED: 'The clinic is closed on this day.',
};

/**
 * Cancels appointments because their doctor took time off (or the clinic
 * closed) over them, on the staff member's behalf: each gets a history row
 * with the reason and an APPOINTMENT_CANCELLED event that carries the cause
 * and a few free times the patient may book instead (looked up before the
 * cancellation, within the patient's booking window; the slots under the
 * time off are already blocked, so none of them is offered).
 */
export async function cancelForUnavailability(
  em: EntityManager,
  deps: AppointmentDeps,
  actor: Actor,
  appointmentIds: string[],
  cause: DoctorUnavailability['cause'],
): Promise<UnavailabilityOutcome> {
  const outcome: UnavailabilityOutcome = { cancelled: [], skipped: [], failed: [] };
  const rows = await em.fork().find(Appointment, { id: { $in: appointmentIds } });
  const byId = new Map(rows.map((row) => [row.id, row]));
  for (const id of appointmentIds) {
    const appointment = byId.get(id);
    if (!appointment || !ACTIVE_STATUSES.includes(appointment.status)) {
      outcome.skipped.push(id);
      continue;
    }
    const alternatives = (
      await alternativesForSlot(deps, appointment.slotId, appointment.serviceId, [appointment.slotId], {
        boundByPolicy: true,
      })
    )
      .slice(0, NOTICE_ALTERNATIVES)
      .map((slot) => ({ slotId: slot.id, doctorId: slot.doctorId, startsAt: slot.startsAt }));
    try {
      await cancelAppointment(em.fork(), deps, actor, id, UNAVAILABILITY_REASONS[cause], { cause, alternatives });
      outcome.cancelled.push(id);
    } catch (error) {
      // A patient cancelling at this very moment wins; anything else is reported back, not hidden.
      if (error instanceof AppError && error.code === 'CONFLICT') outcome.skipped.push(id);
      else outcome.failed.push({ id, message: (error as Error).message });
    }
  }
  return outcome;
}
