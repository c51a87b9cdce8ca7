import { addDays, addMonths, firstOfMonth, lastOfMonth, monthOf } from '../../../i18n/clock';

export type Period = 'DAY' | 'WEEK' | 'MONTH';

/** The range each grouping opens with: two weeks of days, eight weeks, six months (at most 366 days, the API's limit). */
export function defaultRange(period: Period, today: string): { from: string; to: string } {
  if (period === 'DAY') return { from: addDays(today, -7), to: addDays(today, 6) };
  if (period === 'WEEK') return { from: addDays(today, -28), to: addDays(today, 27) };
  const month = monthOf(today);
  return { from: firstOfMonth(addMonths(month, -4)), to: lastOfMonth(addMonths(month, 1)) };
}
