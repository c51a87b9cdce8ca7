import { createClock } from '../../../i18n/clock';
import { scheduleRange } from './schedule-range';

describe("the days a doctor's schedule shows", () => {
  const clock = createClock('Europe/Berlin', 'en-GB');

  it("bounds a day by the clinic's midnights, not UTC's", () => {
    const day = scheduleRange(clock, 'day', '2026-12-03');
    expect(day.dates).toEqual(['2026-12-03']);
    expect(day).toMatchObject({
      from: '2026-12-02T23:00:00.000Z',
      to: '2026-12-03T23:00:00.000Z',
      previous: '2026-12-02',
      next: '2026-12-04',
    });
  });

  it("shows the whole week from the locale's first day, across a DST change", () => {
    const week = scheduleRange(clock, 'week', '2026-10-28');
    expect(week.dates[0]).toBe('2026-10-26');
    expect(week.dates).toHaveLength(7);
    // Summer time ends on Sunday 25 October 2026: this week is all CET; the week before starts in CEST.
    expect(week.from).toBe('2026-10-25T23:00:00.000Z');
    const before = scheduleRange(clock, 'week', week.previous);
    expect(before).toMatchObject({ from: '2026-10-18T22:00:00.000Z', to: '2026-10-25T23:00:00.000Z' });
  });
});
