import { ActingUser, AppError, BadUserInput, Conflict, isDuplicateKey } from '@carebook/platform';
import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { AppointmentChange } from '../entities/appointment-change.entity';
import { AppointmentStatus } from '../entities/appointment-status.enum';
import { Appointment } from '../entities/appointment.entity';
import { IdempotencyKey } from '../entities/idempotency-key.entity';
import { insertChange, placeColumns } from './appointment-log';
import { normaliseReason } from '../domain/booking-rules';
import {
  Alternative,
  alternativesFor,
  alternativesForSlot,
  bookableTarget,
  BookingTarget,
  isTooShort,
  tooShortInput,
} from './booking-target';
import type { AppointmentDeps } from '../deps';
import { assertPatientMayBook, lockPatient, retryTransient } from './overlap';
import { confirmPending } from './pending-settlement';
import { assertPatientMayBookSql, confirmPendingSql, createPendingSql } from '../store/booking-sql';
import { SEALED } from '../domain/sealed-columns';
import type { SlotFacts } from '@carebook/platform';
import { bookSlotRequest } from '../domain/slot-requests';

export type BookingOutcome =
  | { kind: 'confirmed'; appointment: Appointment }
  | { kind: 'unavailable'; reason: string; alternatives: Alternative[] };

export interface BookingRequest {
  slotId: string;
  serviceId: string;
  reason?: string | null;
  patientId: string;
  /** Who asked (the patient, or the admin or front desk booking for them); an admin's booking is logged. */
  by: ActingUser;
  /** An admin booking for the patient: MAX_ACTIVE_APPOINTMENTS_PER_PATIENT does not apply. */
  limitExempt?: boolean;
  /** The patient books for themselves: the service's minimum notice and horizon apply (staff are bound by neither). */
  boundByPolicy: boolean;
  idempotencyKey?: string | null;
}

/**
 * Books a slot: validate, record a PENDING appointment, book the slot with
 * scheduling's one atomic conditional update, then confirm (or withdraw the
 * PENDING and offer alternatives). The slot is never read and then written:
 * book-slot alone decides who gets it. A crash between book-slot and the
 * confirmation leaves a PENDING the reconciler settles.
 */
export async function bookAppointment(
  em: EntityManager,
  deps: AppointmentDeps,
  request: BookingRequest,
): Promise<BookingOutcome> {
  const key = request.idempotencyKey?.trim() || null;
  if (key) {
    const replay = await replayBooking(em, deps, request, key);
    if (replay) return replay;
  }
  const reason = normaliseReason(request.reason);
  const target = await bookableTarget(deps, request.slotId, request.serviceId, {
    boundByPolicy: request.boundByPolicy,
  });
  const seen = unavailableAsSeen(target.slot);
  if (seen) return refuseAsSeen(em, deps, request, target, key, seen);

  // Requests for a slot another booking here is taking wait for it: when it takes the slot they are refused as
  // scheduling would refuse them, without a PENDING, a book-slot call and a withdrawal each (slot-claims.ts).
  const outcome = await deps.slotClaims.alone(
    target.slot.id,
    () => bookSeenFree(em, deps, request, target, reason, key),
    (answer) => answer.kind === 'confirmed' || answer.reason === 'TAKEN',
  );
  if (outcome !== 'TAKEN') return outcome;
  // The booking waited for may have been this very one sent twice (the same key): it answers what that one did.
  const replay = key ? await replayBooking(em, deps, request, key) : null;
  return replay ?? refuseAsSeen(em, deps, request, target, key, 'TAKEN');
}

/** The booking proper, for a slot the lookup saw free: PENDING, the atomic book-slot, then confirmation. */
async function bookSeenFree(
  em: EntityManager,
  deps: AppointmentDeps,
  request: BookingRequest,
  target: BookingTarget,
  reason: string | null,
  key: string | null,
): Promise<BookingOutcome> {
  let appointment: Appointment;
  let careKnown: boolean;
  try {
    ({ appointment, careKnown } = await createPending(
      em,
      deps,
      request,
      target,
      reason,
      key,
      request.limitExempt ? null : deps.maxActivePerPatient,
    ));
  } catch (error) {
    // A concurrent request with the same key won the race: answer what it answers.
    if (
      key &&
      (error instanceof UniqueConstraintViolationException ||
        isDuplicateKey(error) ||
        (error instanceof AppError && error.code === 'CONFLICT'))
    ) {
      const replay = await replayBooking(em, deps, request, key);
      if (replay) return replay;
    }
    throw error;
  }

  try {
    await deps.scheduling.bookSlot(bookSlotRequest(target.slot, appointment.id, target.span));
  } catch (error) {
    if (isTooShort(error)) {
      // Not a race but a fact of the doctor's day: refused as bad input, nothing kept (nor the key).
      await withdrawPending(em, appointment, key, null);
      throw tooShortInput(error, 'slotId');
    }
    if (error instanceof AppError && (error.code === 'CONFLICT' || error.code === 'NOT_FOUND')) {
      const slotReason = error.code === 'NOT_FOUND' ? 'NOT_FOUND' : String(error.extensions.reason ?? 'TAKEN');
      await withdrawPending(em, appointment, key, slotReason);
      return {
        kind: 'unavailable',
        reason: slotReason,
        alternatives: await alternativesFor(deps, target, [target.slot.id]),
      };
    }
    // Unknown outcome (scheduling down or slow): the PENDING stays and the reconciler settles it.
    throw error;
  }

  deps.slotMemory.booked(target.slot, appointment.id);
  const confirmed = deps.sql
    ? await confirmPendingSql(deps.sql, deps.sealer, appointment, request.by, 'slot booked', careKnown)
    : await confirmPending(em.fork(), deps.sealer, appointment, request.by, 'slot booked');
  deps.nudge();
  if (confirmed) return { kind: 'confirmed', appointment: confirmed };
  return settledElsewhere(em, deps, appointment, target);
}

async function createPending(
  em: EntityManager,
  deps: AppointmentDeps,
  request: BookingRequest,
  target: BookingTarget,
  reason: string | null,
  key: string | null,
  limit: number | null,
): Promise<{ appointment: Appointment; careKnown: boolean }> {
  // The id is chosen up front: the reason is sealed to its row (outside the transaction, so a retry reuses it).
  const id = randomUUID();
  const { startsAt, endsAt, heldFrom, heldUntil } = target.span;
  const appointment = Object.assign(new Appointment(), {
    id,
    patientId: request.patientId,
    doctorId: target.doctor.id,
    serviceId: target.service.id,
    slotId: target.slot.id,
    startsAt,
    endsAt,
    heldFrom,
    heldUntil,
    status: AppointmentStatus.PENDING,
    reason: deps.sealer.seal(SEALED.reason, id, reason),
    price: target.service.price,
    currency: target.service.currency,
    ...placeColumns(target.slot.place),
  });
  const keyRecord = key ? { key, slotId: request.slotId, serviceId: request.serviceId } : null;
  if (deps.sql) {
    const { careKnown } = await createPendingSql(deps.sql, deps.sealer, appointment, request.by, keyRecord, limit);
    return { appointment, careKnown };
  }
  // Here the event goes to the patient service whatever the patient holds (careKnown: false, the safe default).
  const created = await retryTransient(() =>
    em.fork().transactional(async (tx) => {
      await lockPatient(tx, request.patientId);
      await assertPatientMayBook(tx, request.patientId, startsAt, endsAt, limit);
      // Written with em.insert, not through the unit of work: its flush cost more than these three statements.
      await tx.insert(tx.create(Appointment, { ...appointment }, { persist: false }));
      await insertChange(tx, deps.sealer, appointment, {
        by: request.by.id,
        from: null,
        to: AppointmentStatus.PENDING,
        note: 'booking requested',
      });
      if (keyRecord)
        await tx.insert(
          tx.create(
            IdempotencyKey,
            { patientId: request.patientId, appointmentId: appointment.id, ...keyRecord },
            { persist: false },
          ),
        );
      return appointment;
    }),
  );
  return { appointment: created, careKnown: false };
}

/** TAKEN or BLOCKED when the slot's lookup already showed it is not free (the anchor slot; a span's others are scheduling's to judge). */
function unavailableAsSeen(slot: SlotFacts): 'TAKEN' | 'BLOCKED' | null {
  if (slot.status === 'BOOKED' || slot.status === 'HELD') return 'TAKEN';
  if (slot.status === 'BLOCKED') return 'BLOCKED';
  return null;
}

/**
 * A slot the lookup saw taken is refused without a PENDING, a book-slot call
 * and its withdrawal: the answer it would have got a moment later (most
 * refusals in a rush for slots are these). Only a refusal rests on that read,
 * never a booking. The patient's own checks come first, as on the booking
 * path (an overlap or the limit answer as they would there, read without the
 * guard: nothing is written), and a key remembers the refusal as
 * withdrawPending does.
 */
async function refuseAsSeen(
  em: EntityManager,
  deps: AppointmentDeps,
  request: BookingRequest,
  target: BookingTarget,
  key: string | null,
  reason: 'TAKEN' | 'BLOCKED',
): Promise<BookingOutcome> {
  const limit = request.limitExempt ? null : deps.maxActivePerPatient;
  const { startsAt, endsAt } = target.span;
  if (deps.sql) await assertPatientMayBookSql(deps.sql, request.patientId, startsAt, endsAt, limit);
  else await assertPatientMayBook(em.fork(), request.patientId, startsAt, endsAt, limit);
  if (key) {
    try {
      // No appointment was made: the id stands for the booking that never was (replays read the reason first).
      await em.fork().insert(IdempotencyKey, {
        id: randomUUID(),
        patientId: request.patientId,
        key,
        appointmentId: randomUUID(),
        slotId: request.slotId,
        serviceId: request.serviceId,
        unavailableReason: reason,
        createdAt: new Date(),
      });
    } catch (error) {
      if (!(error instanceof UniqueConstraintViolationException)) throw error;
      const replay = await replayBooking(em, deps, request, key);
      if (replay) return replay;
      throw error;
    }
  }
  return { kind: 'unavailable', reason, alternatives: await alternativesFor(deps, target, [target.slot.id]) };
}

/** The slot was not ours: the PENDING disappears (it was never promised), the key remembers the answer (null: forgets the key). */
async function withdrawPending(
  em: EntityManager,
  appointment: Appointment,
  key: string | null,
  reason: string | null,
): Promise<void> {
  await em.fork().transactional(async (tx) => {
    await tx.nativeDelete(AppointmentChange, { appointmentId: appointment.id });
    await tx.nativeDelete(Appointment, { id: appointment.id, status: AppointmentStatus.PENDING });
    if (key && reason)
      await tx.nativeUpdate(IdempotencyKey, { patientId: appointment.patientId, key }, { unavailableReason: reason });
    else if (key) await tx.nativeDelete(IdempotencyKey, { patientId: appointment.patientId, key });
  });
}

/** The reconciler (or a cancellation) settled the appointment while we were booking. */
async function settledElsewhere(
  em: EntityManager,
  deps: AppointmentDeps,
  appointment: Appointment,
  _target: BookingTarget,
): Promise<BookingOutcome> {
  const current = await em.fork().findOne(Appointment, { id: appointment.id });
  if (current?.status === AppointmentStatus.CONFIRMED) return { kind: 'confirmed', appointment: current };
  await deps.scheduling.releaseSlot({ appointmentId: appointment.id }).catch(() => undefined);
  throw new Conflict('This booking was cancelled while it was being confirmed; please book again.');
}

const REPLAY_WAIT_MS = 5000;

/** The first answer given for this key, or null when the key is new. */
async function replayBooking(
  em: EntityManager,
  deps: AppointmentDeps,
  request: BookingRequest,
  key: string,
): Promise<BookingOutcome | null> {
  const patientId = request.patientId;
  const deadline = Date.now() + REPLAY_WAIT_MS;
  for (;;) {
    const fork = em.fork();
    const record = await fork.findOne(IdempotencyKey, { patientId, key });
    if (!record) return null;
    assertSameRequest(record, request);
    if (record.unavailableReason) {
      // Same answer, fresh alternatives: the ones offered the first time may be gone by now.
      return {
        kind: 'unavailable',
        reason: record.unavailableReason,
        alternatives: await alternativesForSlot(deps, request.slotId, request.serviceId, [request.slotId], {
          boundByPolicy: request.boundByPolicy,
        }),
      };
    }
    const appointment = await fork.findOne(Appointment, { id: record.appointmentId });
    if (appointment && appointment.status !== AppointmentStatus.PENDING) return { kind: 'confirmed', appointment };
    if (Date.now() > deadline)
      throw new Conflict('A booking with this idempotency key is still in progress; try again in a few seconds.');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * A key stands for one booking: sent again with another slot or service it
 * is a client bug (a reused key), and answering the first booking would tell
 * the client its new request succeeded. Refused like payment APIs do.
 */
function assertSameRequest(record: IdempotencyKey, request: BookingRequest): void {
  if (record.slotId === null) return; // stored before requests were recorded
  if (record.slotId === request.slotId && record.serviceId === request.serviceId) return;
  throw new BadUserInput(
    'This idempotencyKey was already used for a different booking (another slot or service); send a new key for a new booking, or the same slot and service to retry the first one.',
    'idempotencyKey',
  );
}
