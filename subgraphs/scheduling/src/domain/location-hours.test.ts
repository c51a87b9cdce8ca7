import { crossLocationOverlap, locatedDaySlots, locatedWeeklySlots, overlapError } from './location-hours';
import { DayOfWeek } from '../entities/day-of-week.enum';

const iso = (slots: Array<{ startsAt: Date }>) => slots.map((slot) => slot.startsAt.toISOString());

describe('hours at locations in their own zones', () => {
  it('opens a 09:00 rule at 09:00 local in each location, across the US and EU daylight-saving changes', () => {
    const rules = [
      {
        dayOfWeek: DayOfWeek.MONDAY,
        startTime: '09:00',
        endTime: '10:00',
        slotMinutes: 60,
        locationId: 'ny',
        timeZone: 'America/New_York',
      },
      {
        dayOfWeek: DayOfWeek.MONDAY,
        startTime: '09:00',
        endTime: '10:00',
        slotMinutes: 60,
        locationId: 'berlin',
        timeZone: 'Europe/Berlin',
      },
    ];
    // 2026: the US leaves summer time on 1 November, the EU on 25 October.
    const slots = locatedWeeklySlots(rules, new Date('2026-10-19T00:00:00Z'), new Date('2026-11-03T00:00:00Z'));
    expect(slots.map((slot) => `${slot.locationId} ${slot.startsAt.toISOString()}`)).toEqual([
      'berlin 2026-10-19T07:00:00.000Z', // CEST, UTC+2
      'ny 2026-10-19T13:00:00.000Z', // EDT, UTC-4
      'berlin 2026-10-26T08:00:00.000Z', // CET, UTC+1
      'ny 2026-10-26T13:00:00.000Z', // still EDT
      'berlin 2026-11-02T08:00:00.000Z',
      'ny 2026-11-02T14:00:00.000Z', // EST, UTC-5
    ]);
  });

  it('opens one-off days in the location zone', () => {
    expect(
      iso(
        locatedDaySlots({
          date: '2026-12-01',
          startTime: '08:00',
          endTime: '09:00',
          slotMinutes: 30,
          locationId: 'ny',
          timeZone: 'America/New_York',
        }),
      ),
    ).toEqual(['2026-12-01T13:00:00.000Z', '2026-12-01T13:30:00.000Z']);
  });

  it('finds a doctor in two places at once, and only across locations', () => {
    const at = (locationId: string, from: string, to: string) => ({
      locationId,
      startsAt: new Date(from),
      endsAt: new Date(to),
    });
    expect(
      crossLocationOverlap([
        at('a', '2026-12-01T09:00Z', '2026-12-01T10:00Z'),
        at('a', '2026-12-01T10:00Z', '2026-12-01T11:00Z'),
        at('b', '2026-12-01T11:00Z', '2026-12-01T12:00Z'),
      ]),
    ).toBeNull();
    const clash = crossLocationOverlap([
      at('a', '2026-12-01T09:00Z', '2026-12-01T12:00Z'),
      at('a', '2026-12-01T09:30Z', '2026-12-01T10:00Z'),
      at('b', '2026-12-01T11:30Z', '2026-12-01T12:30Z'),
    ]);
    expect(clash?.map((slot) => slot.locationId)).toEqual(['a', 'b']);
    // Berlin 14:00-15:00 and New York 08:00-09:00 on the same December day are the same hour.
    const rules = [
      {
        dayOfWeek: DayOfWeek.TUESDAY,
        startTime: '14:00',
        endTime: '15:00',
        slotMinutes: 60,
        locationId: 'berlin',
        timeZone: 'Europe/Berlin',
      },
      {
        dayOfWeek: DayOfWeek.TUESDAY,
        startTime: '08:00',
        endTime: '09:00',
        slotMinutes: 60,
        locationId: 'ny',
        timeZone: 'America/New_York',
      },
    ];
    const pair = crossLocationOverlap(
      locatedWeeklySlots(rules, new Date('2026-12-01T00:00:00Z'), new Date('2026-12-02T00:00:00Z')),
    );
    expect(pair).not.toBeNull();
    const names = (id: string) =>
      id === 'ny' ? { name: 'New York', timeZone: 'America/New_York' } : { name: 'Berlin', timeZone: 'Europe/Berlin' };
    const error = overlapError(pair!, names, 'rules');
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'rules', rule: 'LOCATION_OVERLAP' });
    expect(error.message).toContain('at New York from Tue 1 Dec 08:00 America/New_York');
    expect(error.message).toContain('at Berlin from Tue 1 Dec 14:00 Europe/Berlin');
  });
});
