import { recordEvent } from '@carebook/platform';
import type { EntityManager } from '@mikro-orm/core';
import { AvailabilityRule } from '../entities/availability-rule.entity';
import { DAYS_OF_WEEK } from '../entities/day-of-week.enum';
import { OneOffAvailability } from '../entities/one-off-availability.entity';
import { SlotStatus } from '../entities/slot-status.enum';
import { Slot } from '../entities/slot.entity';
import { checkWeeklyRules } from './availability-input';
import { openSlots } from './slot-opening';
import { SchedulingContext, SOURCE } from './scheduling-context';
import { SlotTime, todayIn, weeklySlots, WeeklyWindow, windowSlots } from './wall-clock';

const WEEK_MS = 7 * 24 * 3600 * 1000;

export function horizonEnd(context: SchedulingContext, now: Date): Date {
  return new Date(now.getTime() + context.horizonWeeks * WEEK_MS);
}

export function sortRules<T extends WeeklyWindow>(rules: T[]): T[] {
  return rules.sort((a, b) => DAYS_OF_WEEK.indexOf(a.dayOfWeek) - DAYS_OF_WEEK.indexOf(b.dayOfWeek) || a.startTime.localeCompare(b.startTime));
}

export const slotKey = (slot: { startsAt: Date; minutes: number }) => `${slot.startsAt.getTime()}|${slot.minutes}`;

export async function oneOffSlots(em: EntityManager, context: SchedulingContext, doctorId: string, now: Date): Promise<SlotTime[]> {
  const days = await em.find(OneOffAvailability, { doctorId, date: { $gte: todayIn(context.zone, now) } });
  return days.flatMap((day) => windowSlots(day.date, day.startTime, day.endTime, day.slotMinutes, context.zone));
}

/**
 * Replaces the doctor's weekly rules and brings their future slots in line,
 * in one transaction: unbooked future slots that no longer fit a rule (nor a
 * one-off day) are withdrawn, booked ones stay, missing ones open up to the horizon.
 */
export async function setWeeklyAvailability(em: EntityManager, context: SchedulingContext, doctorId: string, rules: WeeklyWindow[]): Promise<AvailabilityRule[]> {
  checkWeeklyRules(rules);
  await context.doctors.requireDoctor(doctorId);
  const now = new Date();
  const wanted = weeklySlots(rules, now, horizonEnd(context, now), context.zone);
  const saved = await em.transactional(async (tx) => {
    // Delete by primary key: "where doctor_id = ?" takes InnoDB gap locks, and two doctors
    // setting their hours at once would then deadlock on their inserts.
    const previous = await tx.find(AvailabilityRule, { doctorId }, { fields: ['id'] });
    if (previous.length) await tx.nativeDelete(AvailabilityRule, { id: { $in: previous.map((rule) => rule.id) } });
    for (const rule of previous) tx.getUnitOfWork().unsetIdentity(rule);
    const created = rules.map((rule) => tx.create(AvailabilityRule, { doctorId, dayOfWeek: rule.dayOfWeek, startTime: rule.startTime, endTime: rule.endTime, slotMinutes: rule.slotMinutes }));
    tx.persist(created);
    const keep = new Set([...wanted, ...(await oneOffSlots(tx, context, doctorId, now))].map(slotKey));
    const unbooked = await tx.find(Slot, { doctorId, status: { $in: [SlotStatus.FREE, SlotStatus.BLOCKED] }, startsAt: { $gt: now } });
    const stale = unbooked.filter((slot) => !keep.has(slotKey(slot))).map((slot) => slot.id);
    if (stale.length) await withdraw(tx, doctorId, stale);
    await tx.flush();
    await openSlots(tx, context.store, doctorId, wanted, now);
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
  recordEvent(em, SOURCE, 'SLOT_BLOCKED', { type: 'DoctorSchedule', id: doctorId }, {
    doctorId,
    slotIds: gone.map((slot) => slot.id),
    from: gone[0].startsAt.toISOString(),
    to: gone[gone.length - 1].endsAt.toISOString(),
  });
}

/** Opens every doctor's slots up to the horizon from the rules they have (the daily job). */
export async function extendHorizons(em: EntityManager, context: SchedulingContext, now = new Date()): Promise<number> {
  const rules = await em.fork().find(AvailabilityRule, {}, { orderBy: { doctorId: 'asc' } });
  const byDoctor = new Map<string, AvailabilityRule[]>();
  for (const rule of rules) byDoctor.set(rule.doctorId, [...(byDoctor.get(rule.doctorId) ?? []), rule]);
  let opened = 0;
  for (const [doctorId, windows] of byDoctor) {
    const wanted = weeklySlots(windows, now, horizonEnd(context, now), context.zone);
    opened += (await em.fork().transactional((tx) => openSlots(tx, context.store, doctorId, wanted, now))).length;
  }
  if (opened) context.afterCommit();
  return opened;
}
