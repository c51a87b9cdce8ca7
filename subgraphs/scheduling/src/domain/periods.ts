import { DateTime } from 'luxon';

export type Period = 'DAY' | 'WEEK' | 'MONTH';

/** The first day of the period that holds `date` (weeks start on Monday). */
export function periodStart(date: string, period: Period): string {
  const day = DateTime.fromISO(date, { zone: 'UTC' });
  if (period === 'WEEK') return day.minus({ days: day.weekday - 1 }).toISODate()!;
  if (period === 'MONTH') return day.startOf('month').toISODate()!;
  return date;
}

export interface DayCount {
  day: string;
  free: number;
  booked: number;
}

/** Folds per-day counts into periods, in date order. */
export function foldIntoPeriods(
  days: readonly DayCount[],
  period: Period,
): Array<{ periodStart: string; free: number; booked: number }> {
  const buckets = new Map<string, { periodStart: string; free: number; booked: number }>();
  for (const day of [...days].sort((a, b) => a.day.localeCompare(b.day))) {
    const start = periodStart(day.day, period);
    const bucket = buckets.get(start) ?? { periodStart: start, free: 0, booked: 0 };
    bucket.free += day.free;
    bucket.booked += day.booked;
    buckets.set(start, bucket);
  }
  return [...buckets.values()];
}
