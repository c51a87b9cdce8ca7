import { BadUserInput, isCalendarDate } from '@carebook/platform';
import { DAYS_OF_WEEK, DayOfWeek } from '../entities/day-of-week.enum';
import { minutesOfDay, TIME_PATTERN, WeeklyWindow } from './wall-clock';

export const MIN_SLOT_MINUTES = 5;
export const MAX_SLOT_MINUTES = 240;
export const MAX_RANGE_DAYS = 92;
const DAY_MS = 24 * 3600 * 1000;

/** Checks one window of hours; `where` tells the person which one is wrong. */
export function checkWindow(window: { startTime: string; endTime: string; slotMinutes: number }, where = ''): void {
  const at = where ? ` (${where})` : '';
  for (const field of ['startTime', 'endTime'] as const) {
    if (!TIME_PATTERN.test(window[field]))
      throw new BadUserInput(
        `${field} must be a time written HH:MM, like "09:00"${at}; got "${window[field]}".`,
        field,
      );
  }
  if (
    !Number.isInteger(window.slotMinutes) ||
    window.slotMinutes < MIN_SLOT_MINUTES ||
    window.slotMinutes > MAX_SLOT_MINUTES
  ) {
    throw new BadUserInput(
      `slotMinutes must be a whole number from ${MIN_SLOT_MINUTES} to ${MAX_SLOT_MINUTES}${at}; got ${window.slotMinutes}.`,
      'slotMinutes',
    );
  }
  const start = minutesOfDay(window.startTime);
  const end = minutesOfDay(window.endTime);
  if (end <= start)
    throw new BadUserInput(`endTime ${window.endTime} must be after startTime ${window.startTime}${at}.`, 'endTime');
  if (end - start < window.slotMinutes) {
    throw new BadUserInput(
      `The window ${window.startTime}-${window.endTime} is shorter than one ${window.slotMinutes}-minute slot${at}.`,
      'slotMinutes',
    );
  }
}

/** Checks a whole weekly pattern: each window, and no two overlapping on one day at one location (across locations: location-hours). */
export function checkWeeklyRules(rules: ReadonlyArray<WeeklyWindow & { locationId?: string | null }>): void {
  if (rules.length > 7 * 24) throw new BadUserInput('A weekly pattern may have at most 168 windows.', 'rules');
  rules.forEach((rule, index) => {
    if (!DAYS_OF_WEEK.includes(rule.dayOfWeek))
      throw new BadUserInput(`rules[${index}].dayOfWeek must be MONDAY to SUNDAY.`, 'dayOfWeek');
    checkWindow(rule, `rules[${index}], ${rule.dayOfWeek}`);
  });
  const byDay = new Map<string, WeeklyWindow[]>();
  for (const rule of rules)
    byDay.set(`${rule.locationId ?? ''}|${rule.dayOfWeek}`, [
      ...(byDay.get(`${rule.locationId ?? ''}|${rule.dayOfWeek}`) ?? []),
      rule,
    ]);
  for (const [key, windows] of byDay) {
    const day = key.split('|')[1] as DayOfWeek;
    const sorted = [...windows].sort((a, b) => minutesOfDay(a.startTime) - minutesOfDay(b.startTime));
    for (let i = 1; i < sorted.length; i++) {
      if (minutesOfDay(sorted[i].startTime) < minutesOfDay(sorted[i - 1].endTime)) {
        throw new BadUserInput(
          `The ${day} windows ${sorted[i - 1].startTime}-${sorted[i - 1].endTime} and ${sorted[i].startTime}-${sorted[i].endTime} overlap; give each hour once.`,
          'rules',
        );
      }
    }
  }
}

/** An instant range: from before to, at most MAX_RANGE_DAYS long. */
export function checkRange(from: Date, to: Date, names: [string, string] = ['from', 'to']): void {
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime()))
    throw new BadUserInput(`${names[0]} and ${names[1]} must be valid instants.`);
  if (to <= from) throw new BadUserInput(`${names[1]} must be after ${names[0]}.`, names[1]);
  if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * DAY_MS)
    throw new BadUserInput(`The range may span at most ${MAX_RANGE_DAYS} days; ask for a shorter one.`, names[1]);
}

/** A calendar date range, both inclusive, at most MAX_RANGE_DAYS days. */
export function checkDateRange(from: string, to: string): void {
  for (const [name, value] of [
    ['from', from],
    ['to', to],
  ] as const) {
    if (!isCalendarDate(value))
      throw new BadUserInput(`${name} must be a date written YYYY-MM-DD; got "${value}".`, name);
  }
  if (to < from) throw new BadUserInput('to must be on or after from.', 'to');
  const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS + 1;
  if (days > MAX_RANGE_DAYS)
    throw new BadUserInput(`The range may span at most ${MAX_RANGE_DAYS} days; ask for a shorter one.`, 'to');
}
