import { addDays, addMonths, createClock, isoWeekday, lastOfMonth } from './clock';

describe('the clinic clock', () => {
  const berlin = (locale: string) => createClock('Europe/Berlin', locale);

  it("gives the clinic date of an instant, not the reader's", () => {
    // 23:30 UTC on 31 March is 01:30 on 1 April in Berlin (summer time).
    expect(berlin('en-GB').dateOf('2026-03-31T23:30:00Z')).toBe('2026-04-01');
    expect(createClock('America/New_York', 'en-US').dateOf('2026-03-31T23:30:00Z')).toBe('2026-03-31');
  });

  it("writes times in the locale's hour cycle, in the clinic zone, across a DST change", () => {
    expect(berlin('en-GB').time('2026-03-28T08:00:00Z')).toBe('9:00');
    expect(berlin('en-GB').time('2026-03-30T07:00:00Z')).toBe('9:00');
    expect(berlin('en-GB').time('2026-03-30T13:30:00Z')).toBe('15:30');
    expect(berlin('en-US').time('2026-03-30T13:30:00Z')).toMatch(/^3:30\sPM$/);
  });

  it("reads an instant on another location's clock, naming that zone", () => {
    const clinic = berlin('en-GB');
    const newYork = clinic.in('America/New_York');
    // 14:00 UTC in December: 15:00 in Berlin, 09:00 in New York.
    expect(clinic.time('2026-12-07T14:00:00Z')).toBe('15:00');
    expect(newYork.time('2026-12-07T14:00:00Z')).toBe('9:00');
    expect(newYork.zoneLabel('2026-12-07T14:00:00Z')).toBe('America/New_York, GMT-5');
    expect(clinic.in('America/New_York')).toBe(newYork);
    expect(clinic.in(null)).toBe(clinic);
    expect(newYork.in('Europe/Berlin')).toBe(clinic);
  });

  it('names the zone with its short name of the day', () => {
    expect(berlin('en-GB').zoneLabel('2026-01-15T12:00:00Z')).toBe('Europe/Berlin, CET');
    expect(berlin('en-GB').zoneLabel('2026-07-15T12:00:00Z')).toBe('Europe/Berlin, CEST');
    expect(createClock('UTC', 'en-GB').zoneLabel()).toBe('UTC');
  });

  it('starts the week where the locale does', () => {
    expect(berlin('en-GB').weekStart).toBe(1);
    expect(berlin('en-US').weekStart).toBe(7);
    expect(
      berlin('en-US')
        .weekdays()
        .map((d) => d.short),
    ).toEqual(['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']);
    expect(berlin('de-DE').weekdays()[0].long).toBe('Montag');
  });

  it('does calendar arithmetic on plain dates', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addMonths('2026-12', 1)).toBe('2027-01');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(lastOfMonth('2028-02')).toBe('2028-02-29');
    expect(isoWeekday('2026-11-30')).toBe(1);
  });

  it('finds the instant of a clinic wall-clock time, on either side of a DST change', () => {
    expect(berlin('en-GB').instantOf('2026-01-15', '00:00')).toBe('2026-01-14T23:00:00.000Z');
    expect(berlin('en-GB').instantOf('2026-07-15', '09:30')).toBe('2026-07-15T07:30:00.000Z');
    // 29 March 2026: clocks go from 02:00 to 03:00; midnight is still CET, 09:00 is CEST.
    expect(berlin('en-GB').instantOf('2026-03-29', '00:00')).toBe('2026-03-28T23:00:00.000Z');
    expect(berlin('en-GB').instantOf('2026-03-29', '09:00')).toBe('2026-03-29T07:00:00.000Z');
    expect(createClock('America/New_York', 'en-US').instantOf('2026-11-01', '12:00')).toBe('2026-11-01T17:00:00.000Z');
  });

  it("starts a date's week on the locale's first day", () => {
    // 2026-12-03 is a Thursday.
    expect(berlin('en-GB').weekOf('2026-12-03')).toBe('2026-11-30');
    expect(berlin('en-US').weekOf('2026-12-03')).toBe('2026-11-29');
    expect(berlin('en-GB').weekOf('2026-11-30')).toBe('2026-11-30');
  });

  it("reads the clinic's 24-hour wall clock of an instant", () => {
    expect(berlin('en-US').wallTime('2026-07-15T13:05:00Z')).toBe('15:05');
    expect(berlin('en-US').wallTime('2026-01-15T23:30:00Z')).toBe('00:30');
  });
});
