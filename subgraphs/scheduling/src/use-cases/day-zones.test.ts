import { DateTime } from 'luxon';
import { DayZones, instantsOfDates, localDateOf, zoneOfLocation } from './day-zones';
import { calendarRowsOf } from './fitting-starts';

// The clinic's default location in Berlin, one location in New York.
const zones: DayZones = { fallback: 'Europe/Berlin', others: [{ zone: 'America/New_York', locationIds: ['ny'] }] };

const at = (local: string, zone: string) => DateTime.fromISO(local, { zone }).toJSDate();

describe("the date a slot is on: its location's", () => {
  it('puts a New York slot at 21:00 local on its New York date, though it is past midnight in Berlin', () => {
    const startsAt = at('2026-12-07T21:00', 'America/New_York');
    expect(DateTime.fromJSDate(startsAt, { zone: 'Europe/Berlin' }).toISODate()).toBe('2026-12-08');
    expect(localDateOf(zones, { startsAt, locationId: 'ny' })).toBe('2026-12-07');
  });

  it('reads the default location, an unlisted one and a slot without one on the clinic clock', () => {
    const startsAt = at('2026-12-07T23:30', 'Europe/Berlin');
    for (const locationId of ['default', 'berlin-2', null])
      expect(localDateOf(zones, { startsAt, locationId })).toBe('2026-12-07');
    expect(zoneOfLocation(zones, 'ny')).toBe('America/New_York');
  });

  it("counts a doctor's evening in New York and morning in Berlin on their own dates in the calendar rows", () => {
    const slot = (id: string, local: string, zone: string, locationId: string) => ({
      id,
      doctorId: 'd1',
      locationId,
      startsAt: at(local, zone),
      endsAt: at(local, zone),
    });
    const rows = calendarRowsOf(
      [
        slot('ny-evening', '2026-12-07T21:00', 'America/New_York', 'ny'),
        slot('ber-morning', '2026-12-08T09:00', 'Europe/Berlin', 'default'),
        slot('ny-late', '2026-12-07T22:00', 'America/New_York', 'ny'),
      ],
      zones,
    );
    expect(rows.map((row) => [row.day, row.freeSlots, row.first.id])).toEqual([
      ['2026-12-07', 2, 'ny-evening'],
      ['2026-12-08', 1, 'ber-morning'],
    ]);
  });

  it("asks the store for every zone's days: from Berlin's first midnight to New York's last", () => {
    const span = instantsOfDates(zones, '2026-12-07', '2026-12-08');
    expect(span.from.toISOString()).toBe('2026-12-06T23:00:00.000Z');
    expect(span.to.toISOString()).toBe('2026-12-09T05:00:00.000Z');
    expect(instantsOfDates({ fallback: 'UTC', others: [] }, '2026-12-07', '2026-12-07')).toEqual({
      from: new Date('2026-12-07T00:00:00Z'),
      to: new Date('2026-12-08T00:00:00Z'),
    });
  });
});
