import { Conflict, mongoErrorLabels } from '@carebook/platform';
import type { EntityManager, FilterQuery, Transaction } from '@mikro-orm/core';
import { ACTIVE_STATUSES } from '../entities/appointment-status.enum';
import { Appointment } from '../entities/appointment.entity';
import { PatientGuard } from '../entities/patient-guard.entity';
import { checkActiveLimit, overlaps } from '../domain/booking-rules';

/**
 * Takes the patient's guard row for the rest of the transaction: concurrent
 * bookings of one patient queue here, so each overlap check below sees the
 * others' committed appointments. Call it first inside `em.transactional`.
 */
export async function lockPatient(tx: EntityManager, patientId: string): Promise<void> {
  // The driver's upsert (the statement em.upsert sends), not em.upsert itself: on MariaDB, which has no
  // RETURNING, em.upsert reads the row back to hand over a managed entity nobody uses here (a second statement
  // on every booking and reschedule).
  await tx
    .getDriver()
    .nativeUpdate<PatientGuard>(
      PatientGuard.name,
      { id: patientId },
      { id: patientId, touchedAt: new Date() },
      { ctx: tx.getTransactionContext<Transaction<unknown>>(), upsert: true, convertCustomTypes: true },
    );
}

/** CONFLICT when the patient already holds an active appointment overlapping [startsAt, endsAt). */
export async function assertNoOverlap(
  em: EntityManager,
  patientId: string,
  startsAt: Date,
  endsAt: Date,
  excludeId?: string,
): Promise<void> {
  const where = {
    patientId,
    status: { $in: [...ACTIVE_STATUSES] },
    startsAt: { $lt: endsAt },
    endsAt: { $gt: startsAt },
    ...(excludeId ? { id: { $ne: excludeId } } : {}),
  } as FilterQuery<Appointment>;
  const clash = await em.findOne(Appointment, where);
  if (clash) throw overlapConflict(clash);
}

/**
 * The checks of a new booking against what the patient already holds, in one
 * query under the patient's guard (call lockPatient first): CONFLICT when an
 * active appointment overlaps [startsAt, endsAt), LIMIT_REACHED when they
 * hold `limit` upcoming ones (null: no limit, an admin booking for them).
 * One query for both: the active appointments not yet over, which are all
 * an overlap with a future slot can come from and all that are upcoming.
 * Concurrent bookings queue on the guard, so each counts the others.
 */
export async function assertPatientMayBook(
  tx: EntityManager,
  patientId: string,
  startsAt: Date,
  endsAt: Date,
  limit: number | null,
): Promise<void> {
  const now = new Date();
  const since = heldSince(startsAt, now);
  const held = await tx.find(
    Appointment,
    { patientId, status: { $in: [...ACTIVE_STATUSES] }, endsAt: { $gt: since } },
    { fields: ['startsAt', 'endsAt'] },
  );
  judgeHeld(held, startsAt, endsAt, limit, now);
}

/**
 * The instant from which a patient's active appointments can matter to a new booking of [startsAt, ...): the
 * earlier of its start and now (an overlap, or an upcoming one counted against the limit).
 */
export function heldSince(startsAt: Date, now: Date): Date {
  return startsAt.getTime() < now.getTime() ? startsAt : now;
}

/** assertPatientMayBook's decision over the active appointments not yet over (read under the patient's guard). */
export function judgeHeld(
  held: ReadonlyArray<Pick<Appointment, 'id' | 'startsAt' | 'endsAt'>>,
  startsAt: Date,
  endsAt: Date,
  limit: number | null,
  now: Date,
): void {
  const clash = held.find((appointment) => overlaps(appointment, { startsAt, endsAt }));
  if (clash) throw overlapConflict(clash);
  checkActiveLimit(
    held.filter((appointment) => appointment.startsAt.getTime() > now.getTime()).length,
    limit ?? Infinity,
    limit === null,
  );
}

function overlapConflict(clash: Pick<Appointment, 'id' | 'startsAt' | 'endsAt'>): Conflict {
  return new Conflict(
    `You already have an appointment from ${clash.startsAt.toISOString()} to ${clash.endsAt.toISOString()} that overlaps this time; cancel or move it first.`,
    { appointmentId: clash.id },
  );
}

/**
 * Runs a transaction again when MongoDB aborted it for a write conflict on
 * the guard row (the loser of a race); MariaDB waits on the lock instead.
 */
export async function retryTransient<T>(work: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      const transient =
        mongoErrorLabels(error).includes('TransientTransactionError') ||
        /WriteConflict/i.test(String((error as Error)?.message));
      if (!transient || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 10 * attempt));
    }
  }
}
