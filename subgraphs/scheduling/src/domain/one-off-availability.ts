import { BadUserInput, isCalendarDate } from '@carebook/platform';
import type { EntityManager } from '@mikro-orm/core';
import { OneOffAvailability } from '../entities/one-off-availability.entity';
import { Slot } from '../entities/slot.entity';
import { checkWindow } from './availability-input';
import { openSlots } from './slot-opening';
import type { SchedulingContext } from './scheduling-context';
import { localInstant, minutesOfDay, todayIn, windowSlots } from './wall-clock';

export interface OneOffWindow {
  date: string;
  startTime: string;
  endTime: string;
  slotMinutes: number;
}

/** Adds hours on one day and opens their slots; answers the doctor's slots in that window. */
export async function addAvailability(em: EntityManager, context: SchedulingContext, doctorId: string, window: OneOffWindow): Promise<Slot[]> {
  if (!isCalendarDate(window.date)) throw new BadUserInput(`date must be a date written YYYY-MM-DD; got "${window.date}".`, 'date');
  checkWindow(window);
  const now = new Date();
  if (window.date < todayIn(context.zone, now)) throw new BadUserInput(`${window.date} is in the past; choose today or a later day.`, 'date');
  const windowEnd = localInstant(window.date, minutesOfDay(window.endTime), context.zone);
  if (windowEnd <= now) throw new BadUserInput(`The window ${window.startTime}-${window.endTime} on ${window.date} is already over.`, 'endTime');
  await context.doctors.requireDoctor(doctorId);
  const windowStart = localInstant(window.date, minutesOfDay(window.startTime), context.zone);
  await em.transactional(async (tx) => {
    tx.persist(tx.create(OneOffAvailability, { doctorId, ...window }));
    await tx.flush();
    await openSlots(tx, context.store, doctorId, windowSlots(window.date, window.startTime, window.endTime, window.slotMinutes, context.zone), now);
  });
  context.afterCommit();
  return em.fork().find(Slot, { doctorId, startsAt: { $gte: windowStart, $lt: windowEnd } }, { orderBy: { startsAt: 'asc' } });
}
