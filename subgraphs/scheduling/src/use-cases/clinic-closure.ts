import { ActingUser, BadUserInput } from '@carebook/platform';
import type { EntityManager } from '@mikro-orm/core';
import { AvailabilityRule } from '../entities/availability-rule.entity';
import { isoWeekday } from '../entities/day-of-week.enum';
import { OneOffAvailability } from '../entities/one-off-availability.entity';
import { Slot } from '../entities/slot.entity';
import { checkDateRange } from '../domain/availability-input';
import type { SchedulingContext } from '../deps';
import { takeTimeOff, TimeOffOutcome } from './time-off';
import { startOfLocalDay, todayIn } from '../domain/wall-clock';
import { doctorsByIds } from '../clients/doctor-directory';

/**
 * Whom a closure concerns: every doctor who takes appointments, the listed
 * doctors, or one location (every doctor with hours there, and only their
 * hours there: a doctor working elsewhere those days keeps those hours).
 */
export type ClosureScope =
  { kind: 'ALL_DOCTORS' } | { kind: 'DOCTORS'; doctorIds: string[] } | { kind: 'LOCATION'; locationId: string };

export interface ClosureRequest {
  scope: ClosureScope;
  /** Calendar dates in the clinic's time zone (a location's closure: in the location's), both inclusive. */
  from: string;
  to: string;
  reason?: string | null;
  cancelBooked: boolean;
  actor: ActingUser;
}

export const MAX_CLOSURE_DOCTORS = 500;

const dayAfter = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** The doctors a closure applies to; unknown or repeated ids are refused, not skipped. */
export async function closedDoctors(
  em: EntityManager,
  context: SchedulingContext,
  scope: ClosureScope,
  period: { from: Date; to: Date; dates: string[] },
): Promise<string[]> {
  if (scope.kind === 'LOCATION') return doctorsWithHoursAt(em, scope.locationId, period);
  if (scope.kind === 'ALL_DOCTORS')
    return (await context.doctors.doctors({ allActive: true })).doctors.map((doctor) => doctor.id);
  const ids = [...new Set(scope.doctorIds)];
  if (ids.length === 0)
    throw new BadUserInput(
      'doctorIds lists no doctor; leave it out to close the clinic for every doctor.',
      'doctorIds',
    );
  if (ids.length > MAX_CLOSURE_DOCTORS)
    throw new BadUserInput(
      `A closure may list at most ${MAX_CLOSURE_DOCTORS} doctors; leave doctorIds out to close for everyone.`,
      'doctorIds',
    );
  const known = new Set((await doctorsByIds(context.doctors, ids)).map((doctor) => doctor.id));
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
export async function closeClinic(
  em: EntityManager,
  context: SchedulingContext,
  request: ClosureRequest,
): Promise<TimeOffOutcome & { doctorIds: string[] }> {
  checkDateRange(request.from, request.to);
  const scope = request.scope;
  const location = scope.kind === 'LOCATION' ? await context.locations.existing(scope.locationId) : null;
  // A location closes on its own days; the whole clinic on the clinic's.
  const zone = location?.timeZone ?? context.zone;
  if (request.from < todayIn(zone))
    throw new BadUserInput(
      `${request.from} is in the past${location ? ` at ${location.name} (${zone})` : ''}; a closure starts today or later.`,
      'from',
    );
  const from = startOfLocalDay(request.from, zone);
  const to = startOfLocalDay(dayAfter(request.to), zone);
  const doctorIds = await closedDoctors(em, context, scope, {
    from,
    to,
    dates: datesBetween(request.from, request.to),
  });
  if (doctorIds.length === 0)
    return { doctorIds, timeOffs: [], blockedSlots: 0, cancelledAppointmentIds: [], conflictAppointmentIds: [] };
  const outcome = await takeTimeOff(em, context, {
    doctorIds,
    locationId: location?.id ?? null,
    from,
    to,
    reason: request.reason,
    cancelBooked: request.cancelBooked,
    actor: request.actor,
    cause: 'CLINIC_CLOSED',
    logAs: {
      action: 'CLOSE_CLINIC',
      targetId: doctorIds.length === 1 ? doctorIds[0] : 'clinic',
      details: {
        from: request.from,
        to: request.to,
        doctors: doctorIds.length,
        ...(location ? { locationId: location.id } : {}),
      },
    },
  });
  return { ...outcome, doctorIds };
}

function datesBetween(from: string, to: string): string[] {
  const dates: string[] = [];
  for (let date = from; date <= to; date = dayAfter(date)) dates.push(date);
  return dates;
}

/**
 * The doctors with hours at the location on those dates: slots there in the
 * period (opened, whatever their state), weekly hours there (slots the
 * horizon job has yet to open), or one-off days there.
 */
async function doctorsWithHoursAt(
  em: EntityManager,
  locationId: string,
  period: { from: Date; to: Date; dates: string[] },
): Promise<string[]> {
  const [slots, rules, days] = await Promise.all([
    em
      .fork()
      .find(Slot, { locationId, startsAt: { $lt: period.to }, endsAt: { $gt: period.from } }, { fields: ['doctorId'] }),
    em.fork().find(AvailabilityRule, { locationId }, { fields: ['doctorId', 'dayOfWeek'] }),
    em.fork().find(OneOffAvailability, { locationId, date: { $in: period.dates } }, { fields: ['doctorId'] }),
  ]);
  const weekdays = new Set(period.dates.map((date) => new Date(`${date}T12:00:00Z`).getUTCDay() || 7));
  const rulesThen = rules.filter((rule) => weekdays.has(isoWeekday(rule.dayOfWeek)));
  return [...new Set([...slots, ...rulesThen, ...days].map((row) => row.doctorId))].sort();
}
