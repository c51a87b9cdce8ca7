import { AppointmentExportFilter, exportRangeInstants, keysetPages } from '@carebook/platform';
import type { FilterQuery, MikroORM } from '@mikro-orm/core';
import { Appointment } from '../entities/appointment.entity';

/** What an export row needs of an appointment: never the sealed columns (reason, notes: health data). */
export const EXPORTED_FIELDS = [
  'id',
  'patientId',
  'doctorId',
  'serviceId',
  'startsAt',
  'endsAt',
  'status',
  'price',
  'currency',
  'lateCancelledAt',
  'timeZone',
  'locationName',
] as const;
export type ExportedAppointment = Pick<Appointment, (typeof EXPORTED_FIELDS)[number]>;

/** The appointments of an export (starting on the clinic's days asked for) in pages, ordered by (startsAt, id). */
export function appointmentPages(
  orm: MikroORM,
  filter: AppointmentExportFilter,
  zone: string,
  batchSize?: number,
): AsyncGenerator<ExportedAppointment[]> {
  const { start, end } = exportRangeInstants(filter, zone);
  const where: FilterQuery<Appointment> = {
    startsAt: { $gte: start, $lt: end },
    ...(filter.doctorId ? { doctorId: filter.doctorId } : {}),
    ...(filter.status ? { status: filter.status } : {}),
  };
  return keysetPages(orm, Appointment, where, 'startsAt', EXPORTED_FIELDS, batchSize);
}
