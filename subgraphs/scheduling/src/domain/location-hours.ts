import { BadUserInput, DEFAULT_LOCATION_ID } from '@carebook/platform';
import { DateTime } from 'luxon';
import { SlotTime, weeklySlots, WeeklyWindow, windowSlots } from './wall-clock';

/**
 * A doctor's hours belong to a location, and are wall-clock times in its
 * zone: a 09:00 rule in New York and one in Berlin are different instants.
 * These pure rules turn located hours into slots and keep a doctor in one
 * place at a time.
 */
export type LocatedSlot = SlotTime & { locationId: string };

export interface Place {
  locationId: string;
  timeZone: string;
}

export function locatedWeeklySlots(windows: ReadonlyArray<WeeklyWindow & Place>, from: Date, to: Date): LocatedSlot[] {
  return windows
    .flatMap((window) =>
      weeklySlots([window], from, to, window.timeZone).map((slot) => ({ ...slot, locationId: window.locationId })),
    )
    .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
}

export function locatedDaySlots(
  day: { date: string; startTime: string; endTime: string; slotMinutes: number } & Place,
): LocatedSlot[] {
  return windowSlots(day.date, day.startTime, day.endTime, day.slotMinutes, day.timeZone).map((slot) => ({
    ...slot,
    locationId: day.locationId,
  }));
}

/** The first two slots at different locations that overlap in time, or null. */
export function crossLocationOverlap<T extends { startsAt: Date; endsAt: Date; locationId?: string | null }>(
  slots: readonly T[],
): [T, T] | null {
  const sorted = [...slots].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  // Per location, the slot seen so far that ends last: a later start before it ends, elsewhere, is a clash.
  const lastEnding = new Map<string, T>();
  for (const slot of sorted) {
    const here = slot.locationId ?? DEFAULT_LOCATION_ID;
    for (const [place, other] of lastEnding) {
      if (place !== here && other.endsAt > slot.startsAt) return [other, slot];
    }
    const mine = lastEnding.get(here);
    if (!mine || mine.endsAt < slot.endsAt) lastEnding.set(here, slot);
  }
  return null;
}

/** BAD_USER_INPUT naming both locations and the first moment the doctor would be in two places. */
export function overlapError(
  pair: [{ startsAt: Date; locationId?: string | null }, { startsAt: Date; locationId?: string | null }],
  names: (locationId: string) => { name: string; timeZone: string },
  field: string,
): BadUserInput {
  const [a, b] = pair.map((slot) => ({ ...names(slot.locationId ?? DEFAULT_LOCATION_ID), startsAt: slot.startsAt }));
  const at = (place: typeof a) =>
    `${DateTime.fromJSDate(place.startsAt, { zone: place.timeZone }).toFormat('ccc d LLL HH:mm')} ${place.timeZone}`;
  return new BadUserInput(
    `These hours put the doctor in two places at once: at ${a.name} from ${at(a)} and at ${b.name} from ${at(b)}. A doctor's hours at different locations must not overlap.`,
    field,
    { rule: 'LOCATION_OVERLAP' },
  );
}
