import { insertEventSql, sqlList, type SqlPool } from '@carebook/platform';
import { SOURCE } from '../deps';
import type { Slot } from '../entities/slot.entity';
import { SlotStatus } from '../entities/slot-status.enum';
import type { ExpectedSlot } from '../use-cases/booking';
import { slotChange } from '../use-cases/slot-view';

/**
 * The hottest statements of a booking on MariaDB as plain SQL (platform's
 * openSqlPool), beside their entity manager versions in use-cases/booking.ts
 * and internal/routes.ts, which MongoDB keeps: the entity manager's query
 * building and unit of work were most of what they cost.
 */

/** A slot as the slot lookup answers it. */
export type SlotRow = Pick<Slot, 'id' | 'doctorId' | 'locationId' | 'startsAt' | 'endsAt' | 'status' | 'appointmentId'>;

/**
 * bookSlot's one conditional update (FREE, in the future, the doctor and times
 * the caller expects -> BOOKED for the appointment) and its SLOT_BOOKED event,
 * in one transaction and one round trip (the event is inserted only if the
 * update booked the slot). False when the update matched no row: the caller
 * reads the slot to say why.
 */
export async function bookExpectedSlotSql(
  sql: SqlPool,
  slotId: string,
  appointmentId: string,
  expected: ExpectedSlot,
  now: Date,
): Promise<boolean> {
  const slot = { id: slotId, ...expected };
  const changed = await sql.writeThen(
    `update slots set status = ?, appointment_id = ?
     where id = ? and status = ? and doctor_id = ? and starts_at > ? and starts_at = ? and ends_at = ?`,
    [
      SlotStatus.BOOKED,
      appointmentId,
      slotId,
      SlotStatus.FREE,
      expected.doctorId,
      now,
      expected.startsAt,
      expected.endsAt,
    ],
    (then) =>
      insertEventSql(then, SOURCE, 'SLOT_BOOKED', { type: 'Slot', id: slotId }, slotChange(slot, appointmentId)),
  );
  return changed > 0;
}

/** The slots with these ids (the booking's lookup of the slot asked for). */
export async function slotsByIdSql(sql: SqlPool, ids: string[]): Promise<SlotRow[]> {
  if (ids.length === 0) return [];
  const list = sqlList(ids);
  const rows = await sql.rows<{
    id: string;
    doctor_id: string;
    location_id: string;
    starts_at: Date;
    ends_at: Date;
    status: SlotStatus;
    appointment_id: string | null;
  }>(
    `select id, doctor_id, location_id, starts_at, ends_at, status, appointment_id from slots
     where id in (${list.placeholders})`,
    list.values,
  );
  return rows.map((row) => ({
    id: row.id,
    doctorId: row.doctor_id,
    locationId: row.location_id,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    status: row.status,
    appointmentId: row.appointment_id,
  }));
}
