import { ActingUser, FieldSealer, recordAdminAction } from '@carebook/platform';
import type { EntityManager } from '@mikro-orm/core';
import { AppointmentStatus } from '../entities/appointment-status.enum';
import { Appointment } from '../entities/appointment.entity';
import { IdempotencyKey } from '../entities/idempotency-key.entity';
import { factsOf, insertAppointmentEvent, insertChange, recordChange } from './appointment-log';
import { SEALED } from '../domain/sealed-columns';

/**
 * PENDING -> CONFIRMED with its history row and APPOINTMENT_CONFIRMED event,
 * in one transaction. Conditional on still being PENDING, so the booking
 * request and the reconciler can race without confirming twice.
 * Takes the PENDING appointment the caller already holds: while PENDING only
 * its status changes (confirm or abandon, both conditional on PENDING), so
 * once the update wins the row is that appointment, CONFIRMED; no re-read.
 * Returns the confirmed appointment, or null if something else settled it.
 * `by`: who booked (null for the reconciler); an admin's booking is logged with the confirmation.
 */
export async function confirmPending(
  em: EntityManager,
  sealer: FieldSealer,
  pending: Appointment,
  by: ActingUser | null,
  note: string,
): Promise<Appointment | null> {
  return em.transactional(async (tx) => {
    const updatedAt = new Date();
    const updated = await tx.nativeUpdate(
      Appointment,
      { id: pending.id, status: AppointmentStatus.PENDING },
      { status: AppointmentStatus.CONFIRMED, updatedAt },
    );
    if (updated === 0) return null;
    const appointment = Object.assign(pending, { status: AppointmentStatus.CONFIRMED, updatedAt });
    // Inserted at once rather than flushed: the booking path's hottest transaction, with nothing else in its unit of work.
    await insertChange(tx, sealer, appointment, {
      by: by?.id ?? null,
      from: AppointmentStatus.PENDING,
      to: AppointmentStatus.CONFIRMED,
      note,
    });
    await insertAppointmentEvent(tx, 'APPOINTMENT_CONFIRMED', appointment, factsOf(appointment));
    if (by) {
      const details = { patientId: appointment.patientId, slotId: appointment.slotId };
      await recordAdminAction(tx, 'appointment', by, 'BOOK_APPOINTMENT', appointment.id, details);
    }
    return appointment;
  });
}

/**
 * PENDING -> CANCELLED when its slot was never booked (or the request died).
 * The appointment stays with its history so the patient sees what happened;
 * its slot is checked at once in case a late book-slot landed after all.
 * No event: nobody was ever told this appointment existed. Its idempotency
 * key is forgotten: the first attempt never answered, so a retry books afresh.
 */
export async function abandonPending(
  em: EntityManager,
  sealer: FieldSealer,
  id: string,
  note: string,
): Promise<boolean> {
  return em.transactional(async (tx) => {
    const now = new Date();
    const updated = await tx.nativeUpdate(
      Appointment,
      { id, status: AppointmentStatus.PENDING },
      {
        status: AppointmentStatus.CANCELLED,
        cancellationReason: sealer.seal(SEALED.cancellationReason, id, note),
        slotCheckDueAt: now,
        updatedAt: now,
      },
    );
    if (updated === 0) return false;
    const appointment = await tx.findOneOrFail(Appointment, { id }, { refresh: true });
    recordChange(tx, sealer, appointment, {
      by: null,
      from: AppointmentStatus.PENDING,
      to: AppointmentStatus.CANCELLED,
      note,
    });
    await tx.nativeDelete(IdempotencyKey, { appointmentId: id });
    return true;
  });
}
