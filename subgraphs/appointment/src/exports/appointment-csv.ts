import { CsvColumn, csvStream } from '@carebook/platform';
import type { AppointmentExportFilter } from '@carebook/platform';
import type { MikroORM } from '@mikro-orm/core';
import { DateTime } from 'luxon';
import type { Readable } from 'node:stream';
import { appointmentPages, ExportedAppointment } from './appointment-pages';
import type { RowNames } from './row-names';

/** `zone`: CLINIC_TIME_ZONE, for appointments booked before locations (each has its location's zone since). */
type Row = { appointment: ExportedAppointment; names: RowNames; zone: string };

const zoneOf = (r: Row) => r.appointment.timeZone ?? r.zone;

const localTime = (instant: Date, zone: string) =>
  DateTime.fromJSDate(instant, { zone }).toFormat("yyyy-MM-dd'T'HH:mm");

/** The columns of appointments.csv (README, Exports): ids, times in UTC and on the clock of the appointment's location (its zone named per row), where, who, what, for how much. */
export const APPOINTMENT_COLUMNS: CsvColumn<Row>[] = [
  { header: 'appointment_id', value: (r) => r.appointment.id },
  { header: 'starts_at_utc', value: (r) => r.appointment.startsAt.toISOString() },
  { header: 'ends_at_utc', value: (r) => r.appointment.endsAt.toISOString() },
  { header: 'starts_at_local', value: (r) => localTime(r.appointment.startsAt, zoneOf(r)) },
  { header: 'time_zone', value: zoneOf },
  { header: 'location', value: (r) => r.appointment.locationName ?? '' },
  { header: 'doctor_id', value: (r) => r.appointment.doctorId },
  { header: 'doctor_name', value: (r) => r.names.doctor.get(r.appointment.doctorId) ?? '' },
  { header: 'patient_id', value: (r) => r.appointment.patientId },
  { header: 'patient_name', value: (r) => r.names.patient.get(r.appointment.patientId) ?? '' },
  { header: 'service_id', value: (r) => r.appointment.serviceId },
  { header: 'service_name', value: (r) => r.names.service.get(r.appointment.serviceId) ?? '' },
  { header: 'status', value: (r) => r.appointment.status },
  { header: 'price', value: (r) => r.appointment.price },
  { header: 'currency', value: (r) => r.appointment.currency },
  { header: 'late_cancellation', value: (r) => (r.appointment.lateCancelledAt ? 'true' : 'false') },
];

/** appointments.csv for a filter, produced page by page as it is read. */
export function appointmentCsv(
  orm: MikroORM,
  filter: AppointmentExportFilter,
  zone: string,
  namesOf: (page: ExportedAppointment[]) => Promise<RowNames>,
  batchSize?: number,
): Readable {
  async function* rows() {
    for await (const page of appointmentPages(orm, filter, zone, batchSize)) {
      const names = await namesOf(page);
      yield page.map((appointment) => ({ appointment, names, zone }));
    }
  }
  return csvStream(APPOINTMENT_COLUMNS, rows());
}
