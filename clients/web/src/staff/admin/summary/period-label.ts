import { t } from '../../../i18n';
import type { Clock } from '../../../i18n/clock';
import { parseDate } from '../../../i18n/clock';
import type { Period } from './summary-range';

/** A bucket's name on an axis and in the table: "3 Dec", "Week of 30 Nov", "December 2026". */
export function periodLabel(clock: Clock, period: Period, periodStart: string): string {
  if (period === 'MONTH') return clock.month(periodStart.slice(0, 7));
  const day = new Intl.DateTimeFormat(clock.locale, { timeZone: 'UTC', day: 'numeric', month: 'short' }).format(
    parseDate(periodStart),
  );
  return period === 'WEEK' ? t.admin.summary.weekOf(day) : day;
}
