/**
 * Dates and times in a time zone, through Intl with the reader's locale (its
 * hour cycle, its first day of the week). The app's clock is the clinic's
 * (the default location's zone); a slot or appointment at another location
 * is read on its own zone's clock: `clock.in(slot.timeZone)`. Calendar dates
 * are plain "YYYY-MM-DD" strings; instants are ISO strings from the API.
 */
export interface Clock {
  zone: string;
  /** The same reader's clock in another zone (a location's), kept once made; null or undefined: this one. */
  in(zone: string | null | undefined): Clock;
  locale: string;
  /** The first day of the week in the reader's locale: 1 = Monday ... 7 = Sunday. */
  weekStart: number;
  /** Today in the clinic. */
  today(): string;
  /** The clinic's calendar date of an instant. */
  dateOf(instant: string): string;
  /** "09:30" or "9:30 AM", as the locale writes times. */
  time(instant: string): string;
  /** "Tuesday, 3 December 2026" for a calendar date. */
  longDate(date: string): string;
  /** "Tue, 3 Dec 2026, 09:30 CET" for an instant, with the zone's short name. */
  dateTime(instant: string): string;
  /** "December 2026" for "2026-12". */
  month(month: string): string;
  /** The zone as a person reads it: "Europe/Berlin, CET". */
  zoneLabel(at?: string): string;
  /** Weekday names in display order (from weekStart), short and long. */
  weekdays(): Array<{ short: string; long: string }>;
  /** The instant (ISO, UTC) of a wall-clock "HH:MM" on a clinic date: the clinic's midnight is instantOf(date, '00:00'). */
  instantOf(date: string, time: string): string;
  /** The clinic's 24-hour wall-clock "HH:MM" of an instant (for comparing with availability rules, not for reading). */
  wallTime(instant: string): string;
  /** The first date of the week (from weekStart) holding `date`. */
  weekOf(date: string): string;
}

// Calendar arithmetic on plain dates, at noon UTC so that no zone can move the day.
export const parseDate = (date: string) => new Date(`${date}T12:00:00Z`);
export const formatDate = (d: Date) => d.toISOString().slice(0, 10);
export const addDays = (date: string, days: number) =>
  formatDate(new Date(parseDate(date).getTime() + days * 86_400_000));
export const monthOf = (date: string) => date.slice(0, 7);
export const addMonths = (month: string, months: number) => {
  const [y, m] = month.split('-').map(Number);
  const d = new Date(Date.UTC(y, m - 1 + months, 1, 12));
  return formatDate(d).slice(0, 7);
};
export const firstOfMonth = (month: string) => `${month}-01`;
export const lastOfMonth = (month: string) => addDays(firstOfMonth(addMonths(month, 1)), -1);
/** ISO weekday of a date: 1 = Monday ... 7 = Sunday. */
export const isoWeekday = (date: string) => ((parseDate(date).getUTCDay() + 6) % 7) + 1;

function weekStartOf(locale: string): number {
  try {
    const info = new Intl.Locale(locale) as Intl.Locale & {
      getWeekInfo?: () => { firstDay: number };
      weekInfo?: { firstDay: number };
    };
    return info.getWeekInfo?.().firstDay ?? info.weekInfo?.firstDay ?? 1;
  } catch {
    return 1;
  }
}

export function createClock(
  zone: string,
  locale: string = navigator.language || 'en',
  others = new Map<string, Clock>(),
): Clock {
  const inZone = (options: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat(locale, { timeZone: zone, ...options });
  const plain = (options: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat(locale, { timeZone: 'UTC', ...options });
  const dateParts = new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
  const timeFormat = inZone({ hour: 'numeric', minute: '2-digit' });
  const dateTimeFormat = inZone({
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  });
  const longDateFormat = plain({ weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
  const monthFormat = plain({ month: 'long', year: 'numeric' });
  const shortZone = inZone({ timeZoneName: 'short' });
  const weekStart = weekStartOf(locale);

  const dateOf = (instant: string | Date) => dateParts.format(new Date(instant));
  const wallParts = new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });
  /** The zone's wall clock at an instant, read as if it were UTC (so the difference is the zone's offset then). */
  const wallAsUtc = (ms: number) => {
    const p = Object.fromEntries(wallParts.formatToParts(new Date(ms)).map((part) => [part.type, part.value]));
    return Date.UTC(
      Number(p.year),
      Number(p.month) - 1,
      Number(p.day),
      Number(p.hour),
      Number(p.minute),
      Number(p.second),
    );
  };
  const clock: Clock = {
    zone,
    in(other) {
      if (!other || other === zone) return clock;
      let found = others.get(other);
      if (!found) others.set(other, (found = createClock(other, locale, others)));
      return found;
    },
    locale,
    weekStart,
    today: () => dateOf(new Date()),
    dateOf,
    time: (instant) => timeFormat.format(new Date(instant)),
    longDate: (date) => longDateFormat.format(parseDate(date)),
    dateTime: (instant) => dateTimeFormat.format(new Date(instant)),
    month: (month) => monthFormat.format(parseDate(firstOfMonth(month))),
    zoneLabel(at) {
      const name = shortZone
        .formatToParts(at ? new Date(at) : new Date())
        .find((p) => p.type === 'timeZoneName')?.value;
      return name && name !== zone ? `${zone}, ${name}` : zone;
    },
    instantOf(date, time) {
      const [hours, minutes] = time.split(':').map(Number);
      const wall = Date.parse(`${date}T00:00:00Z`) + (hours * 60 + minutes) * 60_000;
      // The offset at a first guess, then at the corrected instant (they differ when a DST change lies between).
      let instant = wall;
      for (let i = 0; i < 2; i += 1) instant = wall - (wallAsUtc(instant) - instant);
      return new Date(instant).toISOString();
    },
    wallTime(instant) {
      const wall = new Date(wallAsUtc(Date.parse(instant)));
      return wall.toISOString().slice(11, 16);
    },
    weekOf: (date) => addDays(date, -((isoWeekday(date) - weekStart + 7) % 7)),
    weekdays() {
      // 2024-01-01 was a Monday.
      return Array.from({ length: 7 }, (_, i) => {
        const date = addDays('2024-01-01', (weekStart - 1 + i) % 7);
        return {
          short: plain({ weekday: 'short' }).format(parseDate(date)),
          long: plain({ weekday: 'long' }).format(parseDate(date)),
        };
      });
    },
  };
  others.set(zone, clock);
  return clock;
}
