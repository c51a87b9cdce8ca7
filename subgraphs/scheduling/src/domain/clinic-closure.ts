import { BadUserInput } from '@carebook/platform';
import type { EntityManager } from '@mikro-orm/core';
import { checkDateRange } from './availability-input';
import type { SchedulingContext } from './scheduling-context';
import { takeTimeOff, TimeOffOutcome } from './time-off';
import { startOfLocalDay, todayIn } from './wall-clock';

/**
 * Whom a closure concerns. Today: every doctor who takes appointments, or the
 * listed doctors. A closure of one location (issue 14, locations to come) is
 * one more kind here, resolved to that location's doctors by `closedDoctors`.
 */
export type ClosureScope = { kind: 'ALL_DOCTORS' } | { kind: 'DOCTORS'; doctorIds: string[] };

export interface ClosureRequest {
  scope: ClosureScope;
  /** Calendar dates in the clinic's time zone, both inclusive. */
  from: string;
  to: string;
  reason?: string | null;
  cancelBooked: boolean;
  actor: { id: string; role: string };
}

export const MAX_CLOSURE_DOCTORS = 500;

const dayAfter = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** The doctors a closure applies to; unknown or repeated ids are refused, not skipped. */
export async function closedDoctors(context: SchedulingContext, scope: ClosureScope): Promise<string[]> {
  if (scope.kind === 'ALL_DOCTORS') return (await context.doctors.search({ allActive: true })).map((doctor) => doctor.id);
  const ids = [...new Set(scope.doctorIds)];
  if (ids.length === 0) throw new BadUserInput('doctorIds lists no doctor; leave it out to close the clinic for every doctor.', 'doctorIds');
  if (ids.length > MAX_CLOSURE_DOCTORS) throw new BadUserInput(`A closure may list at most ${MAX_CLOSURE_DOCTORS} doctors; leave doctorIds out to close for everyone.`, 'doctorIds');
  const known = new Set((await context.doctors.byIds(ids)).map((doctor) => doctor.id));
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length) throw new BadUserInput(`There is no doctor with id ${unknown.join(', ')}.`, 'doctorIds');
  return ids;
}

/**
 * Closes the clinic on whole days (midnight to midnight, clinic time zone):
 * one time off per doctor, in one transaction with the same rule for booked
 * appointments as a doctor's own time off (refused by default, listing them;
 * cancelled with patients told when asked).
 */
export async function closeClinic(em: EntityManager, context: SchedulingContext, request: ClosureRequest): Promise<TimeOffOutcome & { doctorIds: string[] }> {
  checkDateRange(request.from, request.to);
  if (request.from < todayIn(context.zone)) throw new BadUserInput(`${request.from} is in the past; a closure starts today or later.`, 'from');
  const doctorIds = await closedDoctors(context, request.scope);
  const from = startOfLocalDay(request.from, context.zone);
  const to = startOfLocalDay(dayAfter(request.to), context.zone);
  if (doctorIds.length === 0) return { doctorIds, timeOffs: [], blockedSlots: 0, cancelledAppointmentIds: [], conflictAppointmentIds: [] };
  const outcome = await takeTimeOff(em, context, { doctorIds, from, to, reason: request.reason, cancelBooked: request.cancelBooked, actor: request.actor, cause: 'CLINIC_CLOSED' });
  return { ...outcome, doctorIds };
}
