import { DateTime } from 'luxon';
import { checkWeeklyRules } from '../src/domain/availability-input';
import { foldIntoPeriods, periodStart } from '../src/domain/periods';
import { withoutCollisions } from '../src/use-cases/slot-opening';
import { weeklySlots, windowSlots } from '../src/domain/wall-clock';
import { offsetSegments } from '../src/domain/zone-offsets';
import { DayOfWeek } from '../src/entities/day-of-week.enum';

const BERLIN = 'Europe/Berlin';
const local = (date: Date) => DateTime.fromJSDate(date, { zone: BERLIN }).toFormat('yyyy-MM-dd HH:mm');

describe('wall-clock slots in the clinic time zone (luxon)', () => {
  it('gives 09:00 Berlin time on both sides of the March change (UTC+1 -> UTC+2)', () => {
    const before = windowSlots('2027-03-27', '09:00', '10:00', 30, BERLIN);
    const after = windowSlots('2027-03-28', '09:00', '10:00', 30, BERLIN);
    expect(before.map((s) => s.startsAt.toISOString())).toEqual([
      '2027-03-27T08:00:00.000Z',
      '2027-03-27T08:30:00.000Z',
    ]);
    expect(after.map((s) => s.startsAt.toISOString())).toEqual([
      '2027-03-28T07:00:00.000Z',
      '2027-03-28T07:30:00.000Z',
    ]);
    expect([...before, ...after].map((s) => local(s.startsAt).slice(11))).toEqual(['09:00', '09:30', '09:00', '09:30']);
  });

  it('gives 09:00 Berlin time on both sides of the October change (UTC+2 -> UTC+1)', () => {
    const sundays = weeklySlots(
      [{ dayOfWeek: DayOfWeek.SUNDAY, startTime: '09:00', endTime: '10:00', slotMinutes: 60 }],
      new Date('2027-10-20T00:00:00Z'),
      new Date('2027-11-08T00:00:00Z'),
      BERLIN,
    );
    expect(sundays.map((s) => s.startsAt.toISOString())).toEqual([
      '2027-10-24T07:00:00.000Z',
      '2027-10-31T08:00:00.000Z',
      '2027-11-07T08:00:00.000Z',
    ]);
    expect(sundays.map((s) => local(s.startsAt))).toEqual(['2027-10-24 09:00', '2027-10-31 09:00', '2027-11-07 09:00']);
  });

  it('keeps real lengths through the night of a change (02:00-03:00 does not exist in March)', () => {
    const night = windowSlots('2027-03-28', '01:00', '04:00', 60, BERLIN);
    expect(night.map((s) => [local(s.startsAt), s.minutes])).toEqual([
      ['2027-03-28 01:00', 60],
      ['2027-03-28 03:00', 60],
    ]);
  });

  it('finds the offset changes of a range to the minute', () => {
    expect(offsetSegments(BERLIN, new Date('2027-03-01T00:00:00Z'), new Date('2027-04-30T00:00:00Z'))).toEqual([
      { until: new Date('2027-03-28T01:00:00Z'), offsetMinutes: 60 },
      { until: null, offsetMinutes: 120 },
    ]);
    expect(offsetSegments('UTC', new Date('2027-03-01T00:00:00Z'), new Date('2027-04-30T00:00:00Z'))).toEqual([
      { until: null, offsetMinutes: 0 },
    ]);
  });
});

describe('weekly rules and slot bookkeeping', () => {
  const rule = (dayOfWeek: DayOfWeek, startTime: string, endTime: string, slotMinutes = 30) => ({
    dayOfWeek,
    startTime,
    endTime,
    slotMinutes,
  });

  it('refuses overlapping windows on one day, but not on different days or back to back', () => {
    expect(() =>
      checkWeeklyRules([rule(DayOfWeek.MONDAY, '09:00', '12:00'), rule(DayOfWeek.MONDAY, '11:30', '13:00')]),
    ).toThrow(/overlap/);
    expect(() =>
      checkWeeklyRules([
        rule(DayOfWeek.MONDAY, '09:00', '12:00'),
        rule(DayOfWeek.MONDAY, '12:00', '13:00'),
        rule(DayOfWeek.TUESDAY, '09:00', '12:00'),
      ]),
    ).not.toThrow();
  });

  it('refuses bad times, reversed windows and slot lengths outside 5..240', () => {
    expect(() => checkWeeklyRules([rule(DayOfWeek.MONDAY, '9:00', '12:00')])).toThrow(/HH:MM/);
    expect(() => checkWeeklyRules([rule(DayOfWeek.MONDAY, '12:00', '09:00')])).toThrow(/after/);
    expect(() => checkWeeklyRules([rule(DayOfWeek.MONDAY, '09:00', '12:00', 4)])).toThrow(/5 to 240/);
    expect(() => checkWeeklyRules([rule(DayOfWeek.MONDAY, '09:00', '18:00', 241)])).toThrow(/5 to 240/);
  });

  it('skips candidates that would overlap a slot the doctor already has', () => {
    const at = (h: number, m = 0) => new Date(Date.UTC(2030, 0, 7, h, m));
    const candidates = [9, 10, 11].map((h) => ({ startsAt: at(h), endsAt: at(h + 1), minutes: 60 }));
    const kept = withoutCollisions(candidates, [{ startsAt: at(10, 30), endsAt: at(11) }]);
    expect(kept.map((s) => s.startsAt.getUTCHours())).toEqual([9, 11]);
  });

  it('folds days into weeks starting Monday and into months', () => {
    expect(periodStart('2026-12-06', 'WEEK')).toBe('2026-11-30');
    expect(periodStart('2026-12-07', 'WEEK')).toBe('2026-12-07');
    const days = [
      { day: '2026-12-06', free: 1, booked: 2 },
      { day: '2026-12-07', free: 3, booked: 0 },
      { day: '2027-01-01', free: 5, booked: 1 },
    ];
    expect(foldIntoPeriods(days, 'MONTH')).toEqual([
      { periodStart: '2026-12-01', free: 4, booked: 2 },
      { periodStart: '2027-01-01', free: 5, booked: 1 },
    ]);
    expect(foldIntoPeriods(days, 'WEEK').map((b) => b.periodStart)).toEqual(['2026-11-30', '2026-12-07', '2026-12-28']);
  });
});
