import { ActingUser, BadUserInput, isCalendarDate, recordAdminAction } from '@carebook/platform';
import type { EntityManager } from '@mikro-orm/core';
import { OneOffAvailability } from '../entities/one-off-availability.entity';
import { Slot } from '../entities/slot.entity';
import { checkWindow } from '../domain/availability-input';
import { openSlots } from './slot-opening';
import { locatedDaySlots } from '../domain/location-hours';
import { SchedulingContext, SOURCE } from '../deps';
import { localInstant, minutesOfDay, todayIn } from '../domain/wall-clock';
import { assertOnePlaceAtATime } from './weekly-availability';
import { requireDoctor } from '../clients/doctor-directory';

export interface OneOffWindow {
  date: string;
  startTime: string;
  endTime: string;
  slotMinutes: number;
  /** Left out: the default location. The day and times are in its zone. */
  locationId?: string | null;
}

/** Adds hours on one day and opens their slots; answers the doctor's slots in that window. */
export async function addAvailability(
  em: EntityManager,
  context: SchedulingContext,
  doctorId: string,
  window: OneOffWindow,
  actor: ActingUser,
): Promise<Slot[]> {
  if (!isCalendarDate(window.date))
    throw new BadUserInput(`date must be a date written YYYY-MM-DD; got "${window.date}".`, 'date');
  checkWindow(window);
  const location = await context.locations.forHours(window.locationId);
  const zone = location.timeZone;
  const now = new Date();
  if (window.date < todayIn(zone, now))
    throw new BadUserInput(
      `${window.date} is in the past at ${location.name} (${zone}); choose today or a later day.`,
      'date',
    );
  const windowEnd = localInstant(window.date, minutesOfDay(window.endTime), zone);
  if (windowEnd <= now)
    throw new BadUserInput(
      `The window ${window.startTime}-${window.endTime} on ${window.date} (${zone}) is already over.`,
      'endTime',
    );
  await requireDoctor(context.doctors, doctorId);
  const windowStart = localInstant(window.date, minutesOfDay(window.startTime), zone);
  const slots = locatedDaySlots({ ...window, locationId: location.id, timeZone: zone });
  await em.transactional(async (tx) => {
    // The doctor's slots elsewhere in this window (weekly hours or another one-off day) would put them in two places.
    const elsewhere = await tx.find(
      Slot,
      { doctorId, locationId: { $ne: location.id }, startsAt: { $lt: windowEnd }, endsAt: { $gt: windowStart } },
      { fields: ['startsAt', 'endsAt', 'locationId'] },
    );
    await assertOnePlaceAtATime(context, [...elsewhere, ...slots], 'locationId');
    tx.persist(
      tx.create(OneOffAvailability, {
        doctorId,
        date: window.date,
        startTime: window.startTime,
        endTime: window.endTime,
        slotMinutes: window.slotMinutes,
        locationId: location.id,
      }),
    );
    await tx.flush();
    await openSlots(tx, context.store, doctorId, slots, now);
    const { date, startTime, endTime, slotMinutes, locationId } = window;
    const hours = { date, startTime, endTime, slotMinutes, ...(locationId ? { locationId } : {}) };
    await recordAdminAction(tx, SOURCE, actor, 'ADD_AVAILABILITY', doctorId, hours);
  });
  context.afterCommit();
  return em
    .fork()
    .find(Slot, { doctorId, startsAt: { $gte: windowStart, $lt: windowEnd } }, { orderBy: { startsAt: 'asc' } });
}
