import { registerEnumType } from 'type-graphql';

export enum DayOfWeek {
  MONDAY = 'MONDAY',
  TUESDAY = 'TUESDAY',
  WEDNESDAY = 'WEDNESDAY',
  THURSDAY = 'THURSDAY',
  FRIDAY = 'FRIDAY',
  SATURDAY = 'SATURDAY',
  SUNDAY = 'SUNDAY',
}

registerEnumType(DayOfWeek, { name: 'DayOfWeek', description: 'A day of the week, MONDAY to SUNDAY.' });

/** In ISO order, so index + 1 is luxon's weekday number (Monday = 1). */
export const DAYS_OF_WEEK: readonly DayOfWeek[] = Object.values(DayOfWeek);

export function isoWeekday(day: DayOfWeek): number {
  return DAYS_OF_WEEK.indexOf(day) + 1;
}
