import { ActingUser, NotFound, recordAdminAction, recordEvent } from '@carebook/platform';
import type { EntityManager } from '@mikro-orm/core';
import { AvailabilityRule } from '../entities/availability-rule.entity';
import { OneOffAvailability } from '../entities/one-off-availability.entity';
import { SlotStatus } from '../entities/slot-status.enum';
import { Slot } from '../entities/slot.entity';
import { TimeOff } from '../entities/time-off.entity';
import { locatedDaySlots, locatedWeeklySlots } from '../domain/location-hours';
import { timeOffCovers } from './slot-opening';
import { SchedulingContext, SOURCE } from '../deps';
import { localInstant, minutesOfDay } from '../domain/wall-clock';
import { slotKey, withdraw } from './weekly-availability';

const TAKEN = [SlotStatus.BOOKED, SlotStatus.HELD];

const DAY_MS = 24 * 3600 * 1000;
const shiftDate = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
// Another location's date may be a day off this one's for the same instants.
const previousDate = (date: string) => shiftDate(date, -1);
const nextDate = (date: string) => shiftDate(date, 1);

export async function loadTimeOff(em: EntityManager, id: string): Promise<TimeOff> {
  const timeOff = await em.findOne(TimeOff, { id });
  if (!timeOff) throw new NotFound('Time off', id);
  return timeOff;
}

export async function loadOneOffDay(em: EntityManager, id: string): Promise<OneOffAvailability> {
  const day = await em.findOne(OneOffAvailability, { id });
  if (!day) throw new NotFound('One-off availability', id);
  return day;
}

/**
 * Removes a time off: its blocked future slots become bookable again, except
 * those another time off still covers. Booked slots are not touched (there
 * are none inside a time off unless a cancellation failed; they stay booked).
 * Answers how many slots opened again.
 */
export async function removeTimeOff(
  em: EntityManager,
  context: SchedulingContext,
  timeOff: TimeOff,
  actor: ActingUser,
): Promise<number> {
  const now = new Date();
  const freed = await em.transactional(async (tx) => {
    const deleted = await tx.nativeDelete(TimeOff, { id: timeOff.id });
    if (deleted === 0) throw new NotFound('Time off', timeOff.id);
    const { doctorId, id: timeOffId } = timeOff;
    await recordAdminAction(tx, SOURCE, actor, 'REMOVE_TIME_OFF', doctorId, { timeOffId });
    const span = { doctorId: timeOff.doctorId, startsAt: { $lt: timeOff.endsAt }, endsAt: { $gt: timeOff.startsAt } };
    const [blocked, others] = await Promise.all([
      tx.find(
        Slot,
        { ...span, status: SlotStatus.BLOCKED, startsAt: { $lt: timeOff.endsAt, $gt: now } },
        { orderBy: { startsAt: 'asc' } },
      ),
      tx.find(TimeOff, span),
    ]);
    const open = blocked.filter(
      (slot) => timeOffCovers(timeOff, slot) && !others.some((other) => timeOffCovers(other, slot)),
    );
    if (open.length === 0) return 0;
    await tx.nativeUpdate(
      Slot,
      { id: { $in: open.map((slot) => slot.id) }, status: SlotStatus.BLOCKED },
      { status: SlotStatus.FREE },
    );
    recordEvent(
      tx,
      SOURCE,
      'SLOTS_OPENED',
      { type: 'DoctorSchedule', id: timeOff.doctorId },
      {
        doctorId: timeOff.doctorId,
        slotIds: open.map((slot) => slot.id),
        from: open[0].startsAt.toISOString(),
        to: open[open.length - 1].endsAt.toISOString(),
      },
    );
    return open.length;
  });
  context.afterCommit();
  return freed;
}

export interface OneOffRemoval {
  removedSlots: number;
  /** Booked slots of the day: kept as they are (the appointments stand), listed for the staff. */
  keptAppointmentIds: string[];
}

/**
 * Removes a one-off day: its unbooked future slots go, unless the weekly
 * hours or another one-off day also give that slot; booked slots stay booked
 * (the patient keeps the appointment) and are listed back. Past slots are history and stay.
 */
export async function removeOneOffDay(
  em: EntityManager,
  context: SchedulingContext,
  day: OneOffAvailability,
  actor: ActingUser,
): Promise<OneOffRemoval> {
  const now = new Date();
  const zone = await context.locations.zoneOf(day.locationId);
  const windowStart = localInstant(day.date, minutesOfDay(day.startTime), zone);
  const windowEnd = localInstant(day.date, minutesOfDay(day.endTime), zone);
  const outcome = await em.transactional(async (tx) => {
    const deleted = await tx.nativeDelete(OneOffAvailability, { id: day.id });
    if (deleted === 0) throw new NotFound('One-off availability', day.id);
    const hours = { date: day.date, startTime: day.startTime, endTime: day.endTime };
    await recordAdminAction(tx, SOURCE, actor, 'REMOVE_AVAILABILITY', day.doctorId, hours);
    const [rules, otherDays, slots] = await Promise.all([
      tx.find(AvailabilityRule, { doctorId: day.doctorId }),
      tx.find(OneOffAvailability, {
        doctorId: day.doctorId,
        date: { $in: [previousDate(day.date), day.date, nextDate(day.date)] },
      }),
      tx.find(
        Slot,
        { doctorId: day.doctorId, startsAt: { $gte: windowStart, $lt: windowEnd, $gt: now } },
        { orderBy: { startsAt: 'asc' } },
      ),
    ]);
    const zoneOf = async <T extends { locationId: string }>(row: T) => ({
      ...row,
      locationId: row.locationId,
      timeZone: await context.locations.zoneOf(row.locationId),
    });
    const [placedRules, placedDays] = await Promise.all([
      Promise.all(rules.map(zoneOf)),
      Promise.all(otherDays.map(zoneOf)),
    ]);
    // Another location's hours never give a slot here: the slot's own location must match.
    const keep = new Set(
      [...locatedWeeklySlots(placedRules, windowStart, windowEnd), ...placedDays.flatMap((d) => locatedDaySlots(d))]
        .filter((slot) => slot.locationId === day.locationId)
        .map(slotKey),
    );
    const stale = slots
      .filter((slot) => !TAKEN.includes(slot.status) && !keep.has(slotKey(slot)))
      .map((slot) => slot.id);
    if (stale.length) await withdraw(tx, day.doctorId, stale);
    const kept = slots.filter((slot) => TAKEN.includes(slot.status) && slot.appointmentId);
    return { removedSlots: stale.length, keptAppointmentIds: kept.map((slot) => slot.appointmentId!) };
  });
  context.afterCommit();
  return outcome;
}
