import { addDays, type Clock } from '../../../i18n/clock';

export type ScheduleView = 'day' | 'week';

export interface ScheduleRange {
  view: ScheduleView;
  /** The clinic dates shown, in order. */
  dates: string[];
  /** The instants that bound them: the clinic's midnight before the first and after the last. */
  from: string;
  to: string;
  /** The range before and after, of the same length (the first date of each). */
  previous: string;
  next: string;
}

/** The days a schedule view shows around `date`: that day, or its week from the locale's first weekday. */
export function scheduleRange(clock: Clock, view: ScheduleView, date: string): ScheduleRange {
  const first = view === 'day' ? date : clock.weekOf(date);
  const length = view === 'day' ? 1 : 7;
  const dates = Array.from({ length }, (_, i) => addDays(first, i));
  return {
    view,
    dates,
    from: clock.instantOf(first, '00:00'),
    to: clock.instantOf(addDays(first, length), '00:00'),
    previous: addDays(first, -length),
    next: addDays(first, length),
  };
}
