import { afterCursorFilter, BadUserInput, decodeCursor, Forbidden, pageSize, Role, toPage } from '@carebook/platform';
import type { EntityManager, FilterQuery } from '@mikro-orm/core';
import { ACTIVE_STATUSES, AppointmentStatus } from '../entities/appointment-status.enum';
import { Appointment } from '../entities/appointment.entity';
import type { Actor } from '../deps';

export interface AppointmentFilterInput {
  doctorId?: string | null;
  patientId?: string | null;
  status?: AppointmentStatus[] | null;
  from?: Date | null;
  to?: Date | null;
}

/** The caller's own appointments: as patient, or as doctor; newest first. */
export async function myAppointments(
  em: EntityManager,
  actor: Actor,
  status?: AppointmentStatus[] | null,
): Promise<Appointment[]> {
  const party = actor.role === Role.DOCTOR ? { doctorId: actor.id } : { patientId: actor.id };
  const where = { ...party, ...(status?.length ? { status: { $in: status } } : {}) } as FilterQuery<Appointment>;
  return em.find(Appointment, where, { orderBy: { startsAt: 'desc', id: 'desc' }, limit: 500 });
}

/** Admins and the front desk see any appointments; a doctor only their own (doctorId is forced); patients use myAppointments. */
export function scopedFilter(actor: Actor, filter: AppointmentFilterInput): AppointmentFilterInput {
  if (actor.role === Role.ADMIN || actor.role === Role.STAFF) return filter;
  if (actor.role === Role.DOCTOR) {
    if (filter.doctorId && filter.doctorId !== actor.id)
      throw new Forbidden('A doctor can list only their own appointments; leave doctorId out or give your own id.');
    return { ...filter, doctorId: actor.id };
  }
  throw new Forbidden('Patients see their appointments with myAppointments.');
}

export function filterWhere(filter: AppointmentFilterInput): FilterQuery<Appointment> {
  if (filter.from && filter.to && filter.from.getTime() > filter.to.getTime())
    throw new BadUserInput('"from" must not be after "to".', 'filter.to');
  const startsAt = { ...(filter.from ? { $gte: filter.from } : {}), ...(filter.to ? { $lt: filter.to } : {}) };
  return {
    ...(filter.doctorId ? { doctorId: filter.doctorId } : {}),
    ...(filter.patientId ? { patientId: filter.patientId } : {}),
    ...(filter.status?.length ? { status: { $in: filter.status } } : {}),
    ...(Object.keys(startsAt).length ? { startsAt } : {}),
  };
}

/** A page of appointments by start time, latest first, with the total matching the filter. */
export async function appointmentPage(
  em: EntityManager,
  actor: Actor,
  filter: AppointmentFilterInput,
  first?: number | null,
  after?: string | null,
) {
  const size = pageSize(first);
  const where = filterWhere(scopedFilter(actor, filter));
  const cursor = decodeCursor(after);
  const [rows, totalCount] = await Promise.all([
    em
      .fork()
      .find(
        Appointment,
        { $and: [where, afterCursorFilter('startsAt', cursor)] },
        { orderBy: { startsAt: 'desc', id: 'desc' }, limit: size + 1 },
      ),
    em.fork().count(Appointment, where),
  ]);
  return { ...toPage(rows, size, (a) => a.startsAt), totalCount };
}

export const MAX_UPCOMING = 1000;

/**
 * A doctor's pending and confirmed appointments that have not started,
 * soonest first: what an admin moves or cancels when the doctor stops taking
 * appointments. Admins, the front desk, and the doctor themself.
 */
export async function upcomingAppointments(
  em: EntityManager,
  actor: Actor,
  doctorId: string,
  now = new Date(),
): Promise<Appointment[]> {
  const { doctorId: scoped } = scopedFilter(actor, { doctorId });
  return em.find(
    Appointment,
    { doctorId: scoped, status: { $in: [...ACTIVE_STATUSES] }, startsAt: { $gt: now } },
    { orderBy: { startsAt: 'asc', id: 'asc' }, limit: MAX_UPCOMING },
  );
}
