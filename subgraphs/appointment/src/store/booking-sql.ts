import {
  ActingUser,
  adminActionFacts,
  FieldSealer,
  insertEventSql,
  type SqlPool,
  type SqlRunner,
  type SqlDeferrer,
  type SqlTransaction,
} from '@carebook/platform';
import { randomUUID } from 'node:crypto';
import { ACTIVE_STATUSES, AppointmentStatus } from '../entities/appointment-status.enum';
import type { Appointment } from '../entities/appointment.entity';
import { changeValues, factsOf, SOURCE, type ChangeFacts } from '../use-cases/appointment-log';
import { heldSince, judgeHeld } from '../use-cases/overlap';

/**
 * The booking's two transactions as plain SQL on MariaDB (platform's
 * openSqlPool): the same statements, locks and rows as their entity manager
 * versions in use-cases/booking.ts and pending-settlement.ts, which MongoDB
 * keeps. They are most of what a booking costs the appointment service, and
 * the entity manager's query building and unit of work were most of theirs.
 */

/** What an idempotency key records of the booking it stands for. */
export interface KeyRecord {
  key: string;
  slotId: string;
  serviceId: string;
}

const ACTIVE_IN = ACTIVE_STATUSES.map(() => '?').join(', ');

/**
 * createPending on MariaDB: under the patient's guard row, the overlap and
 * limit checks over what they hold, then the PENDING appointment, its history
 * row and the idempotency key, committed together.
 */
export async function createPendingSql(
  sql: SqlPool,
  sealer: FieldSealer,
  appointment: Appointment,
  by: ActingUser,
  key: KeyRecord | null,
  limit: number | null,
): Promise<{ careKnown: boolean }> {
  return sql.transaction(async (tx) => {
    const now = new Date();
    // The guard first: concurrent bookings of one patient queue on its row lock (lockPatient's upsert).
    await tx.run(
      'insert into patient_booking_guards (id, touched_at) values (?, ?) on duplicate key update touched_at = values(touched_at)',
      [appointment.patientId, now],
    );
    const held = await assertPatientMayBookSql(
      tx,
      appointment.patientId,
      appointment.startsAt,
      appointment.endsAt,
      limit,
    );
    insertAppointment(tx, appointment);
    insertChangeSql(tx, sealer, appointment, {
      by: by.id,
      from: null,
      to: AppointmentStatus.PENDING,
      note: 'booking requested',
    });
    // The inserts and the key go out with the COMMIT: a key used concurrently fails it there (a duplicate key).
    if (key)
      tx.defer(
        `insert into idempotency_keys (id, patient_id, \`key\`, appointment_id, slot_id, service_id, created_at)
         values (?, ?, ?, ?, ?, ?, ?)`,
        [randomUUID(), appointment.patientId, key.key, appointment.id, key.slotId, key.serviceId, now],
      );
    // A confirmed appointment with this doctor already (the read the checks made anyway): its event told the
    // patient service of the relationship, so this one's confirmation need not (APPOINTMENT_CONFIRMED's careKnown).
    return {
      careKnown: held.some(
        (row) => row.doctorId === appointment.doctorId && row.status === AppointmentStatus.CONFIRMED,
      ),
    };
  });
}

/** An active appointment the patient holds, as the checks read it. */
export interface HeldAppointment {
  id: string;
  doctorId: string;
  status: AppointmentStatus;
  startsAt: Date;
  endsAt: Date;
}

/**
 * assertPatientMayBook on MariaDB: one read of the patient's active appointments not yet over, judged as there;
 * returns them. Under the guard inside createPendingSql; alone for a refusal, which writes nothing.
 */
export async function assertPatientMayBookSql(
  sql: SqlRunner,
  patientId: string,
  startsAt: Date,
  endsAt: Date,
  limit: number | null,
): Promise<HeldAppointment[]> {
  const now = new Date();
  const rows = await sql.rows<{
    id: string;
    doctor_id: string;
    status: AppointmentStatus;
    starts_at: Date;
    ends_at: Date;
  }>(
    `select id, doctor_id, status, starts_at, ends_at from appointments
     where patient_id = ? and status in (${ACTIVE_IN}) and ends_at > ?`,
    [patientId, ...ACTIVE_STATUSES, heldSince(startsAt, now)],
  );
  const held = rows.map((row) => ({
    id: row.id,
    doctorId: row.doctor_id,
    status: row.status,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
  }));
  judgeHeld(held, startsAt, endsAt, limit, now);
  return held;
}

/**
 * confirmPending on MariaDB: PENDING -> CONFIRMED (conditional), history, APPOINTMENT_CONFIRMED, an admin's log
 * entry, in one transaction and one round trip (the rows after the update are inserted only if it confirmed).
 * `careKnown`: what createPendingSql found, carried by the event.
 */
export async function confirmPendingSql(
  sql: SqlPool,
  sealer: FieldSealer,
  pending: Appointment,
  by: ActingUser | null,
  note: string,
  careKnown = false,
): Promise<Appointment | null> {
  const updatedAt = new Date();
  // The rows that follow are written from the appointment as confirmed, before the update's answer is known.
  const confirmed = Object.assign(Object.create(Object.getPrototypeOf(pending) as object) as Appointment, pending, {
    status: AppointmentStatus.CONFIRMED,
    updatedAt,
  });
  const changed = await sql.writeThen(
    'update appointments set status = ?, updated_at = ? where id = ? and status = ?',
    [AppointmentStatus.CONFIRMED, updatedAt, pending.id, AppointmentStatus.PENDING],
    (then) => {
      insertChangeSql(then, sealer, confirmed, {
        by: by?.id ?? null,
        from: AppointmentStatus.PENDING,
        to: AppointmentStatus.CONFIRMED,
        note,
      });
      insertEventSql(
        then,
        SOURCE,
        'APPOINTMENT_CONFIRMED',
        { type: 'Appointment', id: confirmed.id },
        careKnown ? { ...factsOf(confirmed), careKnown } : factsOf(confirmed),
      );
      const details = { patientId: confirmed.patientId, slotId: confirmed.slotId };
      const logEntry = by && adminActionFacts(by, 'BOOK_APPOINTMENT', confirmed.id, details);
      if (by && logEntry)
        insertEventSql(then, SOURCE, 'ADMIN_ACTION_TAKEN', { type: 'AdminAction', id: by.id }, logEntry);
    },
  );
  // Once the update wins, the row is that appointment, CONFIRMED (see confirmPending).
  return changed > 0 ? Object.assign(pending, { status: AppointmentStatus.CONFIRMED, updatedAt }) : null;
}

function insertAppointment(tx: SqlTransaction, a: Appointment): void {
  tx.defer(
    `insert into appointments (id, patient_id, doctor_id, service_id, slot_id, starts_at, ends_at, held_from, held_until,
       location_id, time_zone, location_name, location_address, status, reason, price, currency, created_at, updated_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      a.id,
      a.patientId,
      a.doctorId,
      a.serviceId,
      a.slotId,
      a.startsAt,
      a.endsAt,
      a.heldFrom,
      a.heldUntil,
      a.locationId,
      a.timeZone,
      a.locationName,
      a.locationAddress,
      a.status,
      a.reason,
      a.price,
      a.currency,
      a.createdAt,
      a.updatedAt,
    ],
  );
}

function insertChangeSql(tx: SqlDeferrer, sealer: FieldSealer, appointment: Appointment, change: ChangeFacts): void {
  const row = changeValues(sealer, appointment, change);
  tx.defer(
    `insert into appointment_changes (id, appointment_id, at, by_user_id, from_status, to_status, note)
     values (?, ?, ?, ?, ?, ?, ?)`,
    [row.id, row.appointmentId, row.at, row.byUserId, row.fromStatus, row.toStatus, row.note],
  );
}
