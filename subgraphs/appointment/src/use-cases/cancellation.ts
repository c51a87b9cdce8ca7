import { Conflict, DoctorUnavailability, recordAdminAction } from '@carebook/platform';
import type { EntityManager } from '@mikro-orm/core';
import { ACTIVE_STATUSES, AppointmentStatus } from '../entities/appointment-status.enum';
import { Appointment } from '../entities/appointment.entity';
import { assertMayChange } from '../domain/access';
import { factsOf, recordAppointmentEvent, recordChange } from './appointment-log';
import { normaliseReason } from '../domain/booking-rules';
import type { Actor, AppointmentDeps } from '../deps';
import { isLateChangeBy } from './late-change';
import { loadAppointment } from './load-appointment';
import { SEALED } from '../domain/sealed-columns';
import { clearSlotCheck } from './slot-check';

/**
 * Cancels, then frees the slot at once. The cancellation commits first with
 * slotCheckDueAt set, so if scheduling is down the reconciler frees the slot later.
 * A patient's cancellation inside the cancellation window is recorded as
 * late, and its event carries that and the booked price (billing's fee).
 */
export async function cancelAppointment(
  em: EntityManager,
  deps: AppointmentDeps,
  actor: Actor,
  id: string,
  reason?: string | null,
  /** The clinic cancels because the doctor is not available: the event says so and carries the alternatives for the patient's notice. */
  unavailability?: DoctorUnavailability,
): Promise<Appointment> {
  const before = await loadAppointment(em, id);
  assertMayChange(actor, before, 'cancel');
  if (!ACTIVE_STATUSES.includes(before.status))
    throw new Conflict(`Only a pending or confirmed appointment can be cancelled; this one is ${before.status}.`);
  const cancellationReason = normaliseReason(reason);
  const late = await isLateChangeBy(deps, actor, before, 'cancel', new Date());
  const after = await em.fork().transactional(async (tx) => {
    const now = new Date();
    const updated = await tx.nativeUpdate(
      Appointment,
      { id, status: before.status },
      {
        status: AppointmentStatus.CANCELLED,
        cancellationReason: deps.sealer.seal(SEALED.cancellationReason, id, cancellationReason),
        slotCheckDueAt: now,
        updatedAt: now,
        ...(late && !before.lateCancelledAt ? { lateCancelledAt: now } : {}),
      },
    );
    if (updated === 0)
      throw new Conflict('The appointment changed while it was being cancelled; reload it and try again.');
    const cancelled = await tx.findOneOrFail(Appointment, { id }, { refresh: true });
    recordChange(tx, deps.sealer, cancelled, {
      by: actor.id,
      from: before.status,
      to: AppointmentStatus.CANCELLED,
      note: late ? withLateNote(cancellationReason) : cancellationReason,
    });
    recordAppointmentEvent(tx, 'APPOINTMENT_CANCELLED', cancelled, {
      ...factsOf(cancelled),
      cancelledBy: actor.id,
      late: cancelled.lateCancelledAt !== null,
      price: cancelled.price,
      currency: cancelled.currency,
      ...(unavailability ? { unavailability } : {}),
    });
    await recordAdminAction(tx, 'appointment', actor, 'CANCEL_APPOINTMENT', id);
    return cancelled;
  });
  deps.nudge();
  try {
    await deps.scheduling.releaseSlot({ appointmentId: after.id });
    await clearSlotCheck(em, after.id, after.slotId);
    after.slotCheckDueAt = null;
  } catch (error) {
    deps.logger.warn({ err: error, appointmentId: id }, 'slot not released yet; the reconciler will release it');
  }
  return after;
}

/** The history note of a late cancellation says so, before the patient's reason. */
export function withLateNote(reason: string | null): string {
  return reason
    ? `late cancellation (inside the cancellation window): ${reason}`
    : 'late cancellation (inside the cancellation window)';
}
