import { DateTime } from 'luxon';
import { DayOfWeek, isoWeekday } from '../entities/day-of-week.enum';

/** 24-hour wall-clock time with leading zeros, "09:00" to "23:59". */
export const TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;

export interface SlotTime {
  startsAt: Date;
  endsAt: Date;
  minutes: number;
}

export interface WeeklyWindow {
  dayOfWeek: DayOfWeek;
  startTime: string;
  endTime: string;
  slotMinutes: number;
}

export function minutesOfDay(time: string): number {
  const [hours, minutes] = time.split(':').map(Number);
  return hours * 60 + minutes;
}

/** The instant a wall clock in `zone` shows `minuteOfDay` on `date` (a gap moves forward, as a clock does). */
export function localInstant(date: string, minuteOfDay: number, zone: string): Date {
  return DateTime.fromISO(date, { zone })
    .startOf('day')
    .set({ hour: Math.floor(minuteOfDay / 60), minute: minuteOfDay % 60 })
    .toJSDate();
}

/**
 * The slots of one day's window, stepped in wall-clock minutes so that a
 * 09:00 start stays 09:00 local on both sides of a daylight-saving change.
 */
export function windowSlots(
  date: string,
  startTime: string,
  endTime: string,
  slotMinutes: number,
  zone: string,
): SlotTime[] {
  const slots: SlotTime[] = [];
  const end = minutesOfDay(endTime);
  let lastStart = -Infinity;
  for (let minute = minutesOfDay(startTime); minute + slotMinutes <= end; minute += slotMinutes) {
    const startsAt = localInstant(date, minute, zone);
    const endsAt = localInstant(date, minute + slotMinutes, zone);
    // Inside a DST gap two wall times can fall on one instant; keep each instant once.
    if (endsAt <= startsAt || startsAt.getTime() <= lastStart) continue;
    lastStart = startsAt.getTime();
    slots.push({ startsAt, endsAt, minutes: Math.round((endsAt.getTime() - startsAt.getTime()) / 60_000) });
  }
  return slots;
}

/** Calendar dates (YYYY-MM-DD in `zone`) from the day of `from` to the day of `to`, inclusive. */
export function localDatesBetween(from: Date, to: Date, zone: string): string[] {
  const dates: string[] = [];
  const last = DateTime.fromJSDate(to, { zone }).startOf('day');
  for (let day = DateTime.fromJSDate(from, { zone }).startOf('day'); day <= last; day = day.plus({ days: 1 }))
    dates.push(day.toISODate()!);
  return dates;
}

/** Every slot the weekly windows give whose start lies in [from, to). */
export function weeklySlots(windows: readonly WeeklyWindow[], from: Date, to: Date, zone: string): SlotTime[] {
  const slots: SlotTime[] = [];
  for (const date of localDatesBetween(from, to, zone)) {
    const weekday = DateTime.fromISO(date, { zone }).weekday;
    for (const window of windows) {
      if (isoWeekday(window.dayOfWeek) !== weekday) continue;
      for (const slot of windowSlots(date, window.startTime, window.endTime, window.slotMinutes, zone)) {
        if (slot.startsAt >= from && slot.startsAt < to) slots.push(slot);
      }
    }
  }
  return slots.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
}

/** Today's date in `zone`. */
export function todayIn(zone: string, now = new Date()): string {
  return DateTime.fromJSDate(now, { zone }).toISODate()!;
}

/** The instant `date` starts in `zone`. */
export function startOfLocalDay(date: string, zone: string): Date {
  return DateTime.fromISO(date, { zone }).startOf('day').toJSDate();
}
