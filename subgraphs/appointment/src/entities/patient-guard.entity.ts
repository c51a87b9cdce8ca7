import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * One row per patient, written at the start of every transaction that gives
 * the patient time (book, reschedule). The write lock it takes serialises
 * those transactions per patient, so two concurrent bookings cannot both pass
 * the overlap check (MariaDB: row lock; MongoDB: write conflict, retried).
 */
@Entity({ tableName: 'patient_booking_guards' })
export class PatientGuard {
  /** The patient's id (named id so that MongoDB stores it as _id). */
  @PrimaryKey({ type: 'string', length: 36 })
  id: string;

  @Property({ type: 'datetime', length: 3 })
  touchedAt: Date;
}
