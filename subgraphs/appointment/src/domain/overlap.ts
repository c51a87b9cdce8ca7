import { Conflict } from '@carebook/platform';
import type { EntityManager, FilterQuery } from '@mikro-orm/core';
import { ACTIVE_STATUSES } from '../entities/appointment-status.enum';
import { Appointment } from '../entities/appointment.entity';
import { PatientGuard } from '../entities/patient-guard.entity';

/**
 * Takes the patient's guard row for the rest of the transaction: concurrent
 * bookings of one patient queue here, so each overlap check below sees the
 * others' committed appointments. Call it first inside `em.transactional`.
 */
export async function lockPatient(tx: EntityManager, patientId: string): Promise<void> {
  await tx.upsert(PatientGuard, { id: patientId, touchedAt: new Date() });
}

/** CONFLICT when the patient already holds an active appointment overlapping [startsAt, endsAt). */
export async function assertNoOverlap(em: EntityManager, patientId: string, startsAt: Date, endsAt: Date, excludeId?: string): Promise<void> {
  const where = {
    patientId,
    status: { $in: [...ACTIVE_STATUSES] },
    startsAt: { $lt: endsAt },
    endsAt: { $gt: startsAt },
    ...(excludeId ? { id: { $ne: excludeId } } : {}),
  } as FilterQuery<Appointment>;
  const clash = await em.findOne(Appointment, where);
  if (clash) {
    throw new Conflict(
      `You already have an appointment from ${clash.startsAt.toISOString()} to ${clash.endsAt.toISOString()} that overlaps this time; cancel or move it first.`,
      { appointmentId: clash.id },
    );
  }
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
      const labels = (error as { errorLabels?: string[]; errorLabelSet?: Set<string> }).errorLabels ?? [...((error as any)?.errorLabelSet ?? [])];
      const transient = labels.includes('TransientTransactionError') || /WriteConflict/i.test(String((error as Error)?.message));
      if (!transient || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 10 * attempt));
    }
  }
}
