import { AppointmentStatus } from '../entities/appointment-status.enum';
import { dateRangeInstants, periodsBetween, periodStartOf } from '../domain/periods';
import { buildBuckets } from './schedule-summary';

const quarterOf = (iso: string) => Math.floor(Date.parse(iso) / 900_000);

describe('schedule summary periods', () => {
  it('bounds calendar dates by the clinic zone', () => {
    const { start, end } = dateRangeInstants('2026-03-28', '2026-03-29', 'Europe/Berlin');
    expect(start.toISOString()).toBe('2026-03-27T23:00:00.000Z');
    // The DST change on 29 March: that day has 23 hours, so it ends at 22:00Z.
    expect(end.toISOString()).toBe('2026-03-29T22:00:00.000Z');
  });

  it('refuses a reversed range and one over 366 days', () => {
    expect(() => dateRangeInstants('2026-03-02', '2026-03-01', 'UTC')).toThrow(/must not be before/);
    expect(() => dateRangeInstants('2026-01-01', '2027-01-02', 'UTC')).toThrow(/at most 366/);
    expect(() => dateRangeInstants('2026-01-01', '2027-01-01', 'UTC')).not.toThrow();
  });

  it('starts weeks on Monday and months on the first, in the clinic zone', () => {
    expect(periodsBetween('2026-12-02', '2026-12-15', 'UTC', 'WEEK')).toEqual([
      '2026-11-30',
      '2026-12-07',
      '2026-12-14',
    ]);
    expect(periodsBetween('2026-11-15', '2027-01-02', 'UTC', 'MONTH')).toEqual([
      '2026-11-01',
      '2026-12-01',
      '2027-01-01',
    ]);
    // 23:30 UTC on 1 Dec is already 2 Dec in Berlin.
    expect(periodStartOf(Date.parse('2026-12-01T23:30:00Z'), 'Europe/Berlin', 'DAY')).toBe('2026-12-02');
  });

  it('merges slot counts and outcomes and computes utilization, 0 without slots', () => {
    const buckets = buildBuckets(
      ['2026-12-01', '2026-12-02'],
      [{ periodStart: '2026-12-01', free: 3, booked: 1 }],
      [
        { quarter: quarterOf('2026-12-01T09:00:00Z'), status: AppointmentStatus.COMPLETED, count: 2 },
        { quarter: quarterOf('2026-12-02T10:15:00Z'), status: AppointmentStatus.NO_SHOW, count: 1 },
        { quarter: quarterOf('2026-12-02T11:00:00Z'), status: AppointmentStatus.CANCELLED, count: 4 },
      ],
      'UTC',
      'DAY',
    );
    expect(buckets).toEqual([
      {
        periodStart: '2026-12-01',
        freeSlots: 3,
        bookedSlots: 1,
        completed: 2,
        cancelled: 0,
        noShows: 0,
        utilization: 0.25,
      },
      {
        periodStart: '2026-12-02',
        freeSlots: 0,
        bookedSlots: 0,
        completed: 0,
        cancelled: 4,
        noShows: 1,
        utilization: 0,
      },
    ]);
  });
});
