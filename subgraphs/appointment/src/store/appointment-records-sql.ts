import { sqlList, type AppointmentRecord, type SqlPool } from '@carebook/platform';
import type { AppointmentStatus } from '../entities/appointment-status.enum';
import { factsOf } from '../use-cases/appointment-log';

/** Which appointments the `appointments` route is asked for (each filter given narrows it). */
export interface RecordQuery {
  ids?: string[];
  patientId?: string;
  patientIds?: string[];
  doctorId?: string;
}

/**
 * The `appointments` route's answer as one plain SQL read of the columns it
 * returns (the notification workers ask it with every notice they send): the
 * entity manager's version in internal/routes.ts hydrated whole entities.
 * Latest first, at most 1,000, as there.
 */
export async function appointmentRecordsSql(sql: SqlPool, query: RecordQuery): Promise<AppointmentRecord[]> {
  const clauses: string[] = [];
  const params: unknown[] = [];
  const among = (column: string, values: string[]) => {
    const list = sqlList(values);
    clauses.push(`${column} in (${list.placeholders})`);
    params.push(...list.values);
  };
  if (query.ids?.length === 0 || query.patientIds?.length === 0) return [];
  if (query.ids) among('id', query.ids);
  if (query.patientId) among('patient_id', [query.patientId]);
  if (query.patientIds) among('patient_id', query.patientIds);
  if (query.doctorId) among('doctor_id', [query.doctorId]);
  const rows = await sql.rows<{
    id: string;
    patient_id: string;
    doctor_id: string;
    service_id: string;
    slot_id: string;
    starts_at: Date;
    ends_at: Date;
    location_id: string | null;
    location_name: string | null;
    location_address: string | null;
    time_zone: string | null;
    status: AppointmentStatus;
    price: string;
    currency: string;
    late_cancelled_at: Date | null;
  }>(
    `select id, patient_id, doctor_id, service_id, slot_id, starts_at, ends_at, location_id, location_name,
       location_address, time_zone, status, price, currency, late_cancelled_at
     from appointments where ${clauses.join(' and ')} order by starts_at desc limit 1000`,
    params,
  );
  return rows.map((row) => ({
    ...factsOf({
      id: row.id,
      patientId: row.patient_id,
      doctorId: row.doctor_id,
      serviceId: row.service_id,
      slotId: row.slot_id,
      startsAt: row.starts_at,
      endsAt: row.ends_at,
      locationId: row.location_id,
      locationName: row.location_name,
      locationAddress: row.location_address,
      timeZone: row.time_zone,
    }),
    status: row.status,
    price: row.price,
    currency: row.currency,
    lateCancellation: row.late_cancelled_at !== null,
  }));
}
