import { BadUserInput, RouteInput, schedulingContract } from '@carebook/platform';
import { DateTime } from 'luxon';

/** How schedule summaries group days; scheduling's slot-counts groups its counts the same way. */
export type PeriodKind = RouteInput<typeof schedulingContract.routes.slotCounts>['groupBy'];

export const MAX_SUMMARY_DAYS = 366;
const UNIT = { DAY: 'day', WEEK: 'week', MONTH: 'month' } as const;

/** The clinic-zone instants that bound calendar dates [from, to] (both days included). */
export function dateRangeInstants(from: string, to: string, zone: string): { start: Date; end: Date } {
  const start = DateTime.fromISO(from, { zone }).startOf('day');
  const last = DateTime.fromISO(to, { zone }).startOf('day');
  if (last < start) throw new BadUserInput('"to" must not be before "from".', 'to');
  const days = Math.round(last.diff(start, 'days').days) + 1;
  if (days > MAX_SUMMARY_DAYS)
    throw new BadUserInput(`The range covers ${days} days; at most ${MAX_SUMMARY_DAYS} are allowed.`, 'to');
  return { start: start.toJSDate(), end: last.plus({ days: 1 }).toJSDate() };
}

/** The first day (YYYY-MM-DD, clinic zone) of the period containing an instant; weeks start on Monday. */
export function periodStartOf(instantMs: number, zone: string, groupBy: PeriodKind): string {
  return DateTime.fromMillis(instantMs, { zone }).startOf(UNIT[groupBy]).toISODate()!;
}

/** Every period touching [from, to], in order. */
export function periodsBetween(from: string, to: string, zone: string, groupBy: PeriodKind): string[] {
  const unit = UNIT[groupBy];
  const last = DateTime.fromISO(to, { zone }).startOf(unit);
  const periods: string[] = [];
  for (let at = DateTime.fromISO(from, { zone }).startOf(unit); at <= last; at = at.plus({ [`${unit}s`]: 1 }))
    periods.push(at.toISODate()!);
  return periods;
}
