import { ActingUser, recordAdminAction, recordEvent } from '@carebook/platform';
import type { EntityManager } from '@mikro-orm/core';
import { AvailabilityRule } from '../entities/availability-rule.entity';
import { DAYS_OF_WEEK } from '../entities/day-of-week.enum';
import { OneOffAvailability } from '../entities/one-off-availability.entity';
import { SlotStatus } from '../entities/slot-status.enum';
import { Slot } from '../entities/slot.entity';
import { checkWeeklyRules } from '../domain/availability-input';
import { openSlots } from './slot-opening';
import { SchedulingContext, SOURCE } from '../deps';
import {
  crossLocationOverlap,
  LocatedSlot,
  locatedDaySlots,
  locatedWeeklySlots,
  overlapError,
  Place,
} from '../domain/location-hours';
import { todayIn, WeeklyWindow } from '../domain/wall-clock';
import { requireDoctor } from '../clients/doctor-directory';

const WEEK_MS = 7 * 24 * 3600 * 1000;

export function horizonEnd(context: SchedulingContext, now: Date): Date {
  return new Date(now.getTime() + context.horizonWeeks * WEEK_MS);
}

export function sortRules<T extends WeeklyWindow>(rules: T[]): T[] {
  return rules.sort(
    (a, b) =>
      DAYS_OF_WEEK.indexOf(a.dayOfWeek) - DAYS_OF_WEEK.indexOf(b.dayOfWeek) || a.startTime.localeCompare(b.startTime),
  );
}

export const slotKey = (slot: { startsAt: Date; minutes: number }) => `${slot.startsAt.getTime()}|${slot.minutes}`;

/** The slots of the doctor's one-off days from yesterday on (a day is a date in its location's zone, which may be behind the clinic's). */
export async function oneOffSlots(
  em: EntityManager,
  context: SchedulingContext,
  doctorId: string,
  now: Date,
): Promise<LocatedSlot[]> {
  const days = await em.find(OneOffAvailability, {
    doctorId,
    date: { $gte: todayIn(context.zone, new Date(now.getTime() - 24 * 3600 * 1000)) },
  });
  const located = await Promise.all(
    days.map(async (day) => locatedDaySlots({ ...day, timeZone: await context.locations.zoneOf(day.locationId) })),
  );
  return located.flat();
}

export type LocatedRule = WeeklyWindow & { locationId?: string | null };

/** Each rule with its location (left out: the default one) and zone; an unknown or inactive location is refused, naming the rule. */
async function placeRules(
  context: SchedulingContext,
  rules: readonly LocatedRule[],
): Promise<Array<WeeklyWindow & Place>> {
  return Promise.all(
    rules.map(async (rule, index) => {
      const location = await context.locations.forHours(rule.locationId, `rules[${index}].locationId`);
      return {
        dayOfWeek: rule.dayOfWeek,
        startTime: rule.startTime,
        endTime: rule.endTime,
        slotMinutes: rule.slotMinutes,
        locationId: location.id,
        timeZone: location.timeZone,
      };
    }),
  );
}

/** Refuses hours that put the doctor at two locations at once (BAD_USER_INPUT naming both). */
export async function assertOnePlaceAtATime(
  context: SchedulingContext,
  slots: ReadonlyArray<{ startsAt: Date; endsAt: Date; locationId?: string | null }>,
  field: string,
): Promise<void> {
  const clash = crossLocationOverlap(slots);
  if (!clash) return;
  const all = await context.locations.all();
  const names = (id: string) => all.find((location) => location.id === id) ?? { name: id, timeZone: context.zone };
  throw overlapError(clash, names, field);
}

/**
 * Replaces the doctor's weekly rules and brings their future slots in line,
 * in one transaction: unbooked future slots that no longer fit a rule (nor a
 * one-off day) are withdrawn, booked ones stay, missing ones open up to the horizon.
 */
export async function setWeeklyAvailability(
  em: EntityManager,
  context: SchedulingContext,
  doctorId: string,
  rules: LocatedRule[],
  actor: ActingUser,
): Promise<AvailabilityRule[]> {
  checkWeeklyRules(rules);
  await requireDoctor(context.doctors, doctorId);
  const placed = await placeRules(context, rules);
  const now = new Date();
  const wanted = locatedWeeklySlots(placed, now, horizonEnd(context, now));
  const saved = await em.transactional(async (tx) => {
    // Delete by primary key: "where doctor_id = ?" takes InnoDB gap locks, and two doctors
    // setting their hours at once would then deadlock on their inserts.
    const previous = await tx.find(AvailabilityRule, { doctorId }, { fields: ['id'] });
    if (previous.length) await tx.nativeDelete(AvailabilityRule, { id: { $in: previous.map((rule) => rule.id) } });
    for (const rule of previous) tx.getUnitOfWork().unsetIdentity(rule);
    const oneOff = await oneOffSlots(tx, context, doctorId, now);
    await assertOnePlaceAtATime(context, [...wanted, ...oneOff], 'rules');
    const created = placed.map((rule) =>
      tx.create(AvailabilityRule, {
        doctorId,
        locationId: rule.locationId,
        dayOfWeek: rule.dayOfWeek,
        startTime: rule.startTime,
        endTime: rule.endTime,
        slotMinutes: rule.slotMinutes,
      }),
    );
    tx.persist(created);
    const keep = new Set([...wanted, ...oneOff].map(slotKey));
    const unbooked = await tx.find(Slot, {
      doctorId,
      status: { $in: [SlotStatus.FREE, SlotStatus.BLOCKED] },
      startsAt: { $gt: now },
    });
    const stale = unbooked.filter((slot) => !keep.has(slotKey(slot))).map((slot) => slot.id);
    if (stale.length) await withdraw(tx, doctorId, stale);
    await tx.flush();
    await openSlots(tx, context.store, doctorId, wanted, now);
    await recordAdminAction(tx, SOURCE, actor, 'SET_WEEKLY_AVAILABILITY', doctorId, { rules: created.length });
    return created;
  });
  context.afterCommit();
  return sortRules(saved);
}

/** Removes unbooked slots; the status condition lets a booking that got there first keep its slot. */
export async function withdraw(em: EntityManager, doctorId: string, ids: string[]): Promise<void> {
  const slots = await em.find(Slot, { id: { $in: ids } }, { orderBy: { startsAt: 'asc' } });
  await em.nativeDelete(Slot, { id: { $in: ids }, status: { $in: [SlotStatus.FREE, SlotStatus.BLOCKED] } });
  const remaining = new Set((await em.find(Slot, { id: { $in: ids } }, { fields: ['id'] })).map((slot) => slot.id));
  const gone = slots.filter((slot) => !remaining.has(slot.id));
  for (const slot of gone) em.getUnitOfWork().unsetIdentity(slot);
  if (gone.length === 0) return;
  // No SLOTS_WITHDRAWN type exists; to a viewer a withdrawn slot is one that can no longer be booked.
  recordEvent(
    em,
    SOURCE,
    'SLOT_BLOCKED',
    { type: 'DoctorSchedule', id: doctorId },
    {
      doctorId,
      slotIds: gone.map((slot) => slot.id),
      from: gone[0].startsAt.toISOString(),
      to: gone[gone.length - 1].endsAt.toISOString(),
    },
  );
}

/** Opens every doctor's slots up to the horizon from the rules they have (the daily job). */
export async function extendHorizons(em: EntityManager, context: SchedulingContext, now = new Date()): Promise<number> {
  const rules = await em.fork().find(AvailabilityRule, {}, { orderBy: { doctorId: 'asc' } });
  const byDoctor = new Map<string, AvailabilityRule[]>();
  for (const rule of rules) byDoctor.set(rule.doctorId, [...(byDoctor.get(rule.doctorId) ?? []), rule]);
  let opened = 0;
  for (const [doctorId, windows] of byDoctor) {
    let placed: Array<WeeklyWindow & Place>;
    try {
      placed = await Promise.all(
        windows.map(async (rule) => ({
          ...rule,
          locationId: rule.locationId,
          timeZone: await context.locations.zoneOf(rule.locationId),
        })),
      );
    } catch (error) {
      // Another location's zone is unknown while the doctor service is away: this doctor waits for the next run, the others go on.
      context.logger.warn(
        { err: (error as Error).message, doctorId },
        "could not read the zones of the doctor's locations; their slots open on the next run",
      );
      continue;
    }
    const wanted = locatedWeeklySlots(placed, now, horizonEnd(context, now));
    opened += (await em.fork().transactional((tx) => openSlots(tx, context.store, doctorId, wanted, now))).length;
  }
  if (opened) context.afterCommit();
  return opened;
}
