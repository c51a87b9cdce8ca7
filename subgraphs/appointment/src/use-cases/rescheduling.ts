import { AppError, BadUserInput, Conflict, recordAdminAction, Role } from '@carebook/platform';
import type { EntityManager } from '@mikro-orm/core';
import { AppointmentStatus } from '../entities/appointment-status.enum';
import { Appointment } from '../entities/appointment.entity';
import { assertMayChange } from '../domain/access';
import { factsOf, placeColumns, recordAppointmentEvent, recordChange } from './appointment-log';
import type { BookingOutcome } from './booking';
import { alternativesFor, bookableTarget, BookingTarget, isTooShort, tooShortInput } from './booking-target';
import type { Actor, AppointmentDeps } from '../deps';
import { isLateChangeBy } from './late-change';
import { loadAppointment } from './load-appointment';
import { assertNoOverlap, lockPatient } from './overlap';
import { heldTime } from '../domain/held-time';
import { clearSlotCheck, SLOT_CHECK_GRACE_MS } from './slot-check';
import { bookSlotRequest, releaseRequest } from '../domain/slot-requests';

/**
 * Moves an appointment to another slot (same or another doctor, optionally
 * another service). The new time (all the slots it takes) is booked first
 * under the same appointment id; only then is the appointment changed, and
 * only then the slots of the old time it no longer touches released. Any failure before the change leaves the appointment as it was;
 * a crash in between leaves a slot the reconciler releases (slotCheckDueAt).
 * A patient moves only to a start the service's rules allow, and a move
 * inside the cancellation window is recorded as a late cancellation.
 */
export async function rescheduleAppointment(
  em: EntityManager,
  deps: AppointmentDeps,
  actor: Actor,
  request: { id: string; newSlotId: string; serviceId?: string | null },
): Promise<BookingOutcome> {
  const before = await loadAppointment(em, request.id);
  assertMayChange(actor, before, 'reschedule');
  if (before.status !== AppointmentStatus.CONFIRMED)
    throw new Conflict(`Only a confirmed appointment can be rescheduled; this one is ${before.status}.`);
  const serviceId = request.serviceId ?? before.serviceId;
  if (request.newSlotId === before.slotId && serviceId === before.serviceId) {
    throw new BadUserInput(
      'The appointment is already in this slot for this service; choose another slot.',
      'newSlotId',
    );
  }
  const now = new Date();
  const target = await bookableTarget(
    deps,
    request.newSlotId,
    serviceId,
    { boundByPolicy: actor.role === Role.PATIENT, field: 'newSlotId' },
    now,
  );
  const late = await isLateChangeBy(deps, actor, before, 'move', now, target.service);
  await assertNoOverlap(em, before.patientId, target.span.startsAt, target.span.endsAt, before.id);

  // Booked even in the same slot (another service): a longer service or other buffers take other slots.
  // The new time may share slots with the old one; they are this appointment's already and stay so.
  await em
    .fork()
    .nativeUpdate(Appointment, { id: before.id }, { slotCheckDueAt: new Date(Date.now() + SLOT_CHECK_GRACE_MS) });
  try {
    await deps.scheduling.bookSlot(bookSlotRequest(target.slot, before.id, target.span));
  } catch (error) {
    if (isTooShort(error)) {
      await clearSlotCheck(em, before.id, before.slotId);
      throw tooShortInput(error, 'newSlotId');
    }
    if (error instanceof AppError && (error.code === 'CONFLICT' || error.code === 'NOT_FOUND')) {
      await clearSlotCheck(em, before.id, before.slotId);
      const reason = error.code === 'NOT_FOUND' ? 'NOT_FOUND' : String(error.extensions.reason ?? 'TAKEN');
      return {
        kind: 'unavailable',
        reason,
        alternatives: await alternativesFor(deps, target, [target.slot.id, before.slotId]),
      };
    }
    throw error;
  }

  let after: Appointment;
  try {
    after = await applyMove(em, deps, actor, before, target, late);
  } catch (error) {
    await deps.scheduling.releaseSlot(releaseRequest(before.id, heldTime(before))).catch(() => undefined);
    throw error;
  }
  deps.nudge();
  try {
    await deps.scheduling.releaseSlot(releaseRequest(before.id, heldTime(after)));
    await clearSlotCheck(em, before.id, target.slot.id);
  } catch (error) {
    deps.logger.warn(
      { err: error, appointmentId: before.id },
      'old slots not released yet; the reconciler will release them',
    );
  }
  return { kind: 'confirmed', appointment: after };
}

async function applyMove(
  em: EntityManager,
  deps: AppointmentDeps,
  actor: Actor,
  before: Appointment,
  target: BookingTarget,
  late: boolean,
): Promise<Appointment> {
  const previous = {
    slotId: before.slotId,
    doctorId: before.doctorId,
    startsAt: before.startsAt.toISOString(),
    endsAt: before.endsAt.toISOString(),
  };
  return em.fork().transactional(async (tx) => {
    // Checked again under the patient's guard: a booking may have taken the time since the first check.
    await lockPatient(tx, before.patientId);
    await assertNoOverlap(tx, before.patientId, target.span.startsAt, target.span.endsAt, before.id);
    const moved = await tx.nativeUpdate(
      Appointment,
      { id: before.id, status: AppointmentStatus.CONFIRMED, slotId: before.slotId },
      {
        slotId: target.slot.id,
        doctorId: target.doctor.id,
        serviceId: target.service.id,
        startsAt: target.span.startsAt,
        endsAt: target.span.endsAt,
        heldFrom: target.span.heldFrom,
        heldUntil: target.span.heldUntil,
        price: target.service.price,
        currency: target.service.currency,
        ...placeColumns(target.slot.place),
        updatedAt: new Date(),
        ...(late && !before.lateCancelledAt ? { lateCancelledAt: new Date() } : {}),
      },
    );
    if (moved === 0)
      throw new Conflict(
        'The appointment changed while it was being rescheduled (cancelled or moved); reload it and try again.',
      );
    const after = await tx.findOneOrFail(Appointment, { id: before.id }, { refresh: true });
    const note = `rescheduled from ${previous.startsAt} to ${after.startsAt.toISOString()}${late ? ' (late: inside the cancellation window)' : ''}`;
    recordChange(tx, deps.sealer, after, {
      by: actor.id,
      from: AppointmentStatus.CONFIRMED,
      to: AppointmentStatus.CONFIRMED,
      note,
    });
    recordAppointmentEvent(tx, 'APPOINTMENT_RESCHEDULED', after, { ...factsOf(after), previous, late });
    const serviceChange = after.serviceId !== before.serviceId ? { serviceId: after.serviceId } : {};
    await recordAdminAction(tx, 'appointment', actor, 'RESCHEDULE_APPOINTMENT', before.id, {
      newSlotId: target.slot.id,
      ...serviceChange,
    });
    return after;
  });
}
