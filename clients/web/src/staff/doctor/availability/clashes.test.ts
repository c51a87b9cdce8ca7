import { createClock } from '../../../i18n/clock';
import { bookedAppointments, outsideWeeklyHours } from './clashes';

describe('what a change of hours would clash with', () => {
  const clock = createClock('Europe/Berlin', 'en-GB');
  const patient = (name: string) => ({ name });

  it("lists the open appointments of a time off's range, not free slots or closed visits", () => {
    const slots = [
      { startsAt: '2026-12-03T10:00:00Z', appointment: { id: 'b', status: 'CONFIRMED', patient: patient('Bea') } },
      { startsAt: '2026-12-03T08:00:00Z', appointment: { id: 'a', status: 'PENDING', patient: patient('Al') } },
      { startsAt: '2026-12-03T09:00:00Z', appointment: null },
      { startsAt: '2026-12-03T11:00:00Z', appointment: { id: 'c', status: 'COMPLETED', patient: patient('Cy') } },
    ];
    expect(bookedAppointments(slots)).toEqual([
      { id: 'a', startsAt: '2026-12-03T08:00:00Z', patientName: 'Al' },
      { id: 'b', startsAt: '2026-12-03T10:00:00Z', patientName: 'Bea' },
    ]);
  });

  it("finds the appointments no new weekly rule covers, by the clinic's wall clock", () => {
    // Thursday 3 December 2026: 09:00-09:30 and 15:00-15:30 in Berlin (CET, UTC+1).
    const morning = {
      id: 'm',
      startsAt: '2026-12-03T08:00:00Z',
      endsAt: '2026-12-03T08:30:00Z',
      patient: patient('Mo'),
    };
    const afternoon = {
      id: 'n',
      startsAt: '2026-12-03T14:00:00Z',
      endsAt: '2026-12-03T14:30:00Z',
      patient: patient('Noa'),
    };
    const mornings = [{ dayOfWeek: 'THURSDAY', startTime: '09:00', endTime: '12:00' }];
    expect(outsideWeeklyHours([morning, afternoon], mornings, clock).map((c) => c.id)).toEqual(['n']);
    // Another day's hours do not cover Thursday; a rule ending mid-visit does not either.
    expect(
      outsideWeeklyHours([morning], [{ dayOfWeek: 'FRIDAY', startTime: '09:00', endTime: '12:00' }], clock).map(
        (c) => c.id,
      ),
    ).toEqual(['m']);
    expect(
      outsideWeeklyHours([morning], [{ dayOfWeek: 'THURSDAY', startTime: '08:00', endTime: '09:15' }], clock).map(
        (c) => c.id,
      ),
    ).toEqual(['m']);
    expect(
      outsideWeeklyHours(
        [morning, afternoon],
        [...mornings, { dayOfWeek: 'THURSDAY', startTime: '14:00', endTime: '16:00' }],
        clock,
      ),
    ).toEqual([]);
  });

  it("reads an appointment at another location on its own clock, against that location's rules", () => {
    // Thursday 3 December 2026, 21:00-21:30 in New York (EST), already Friday 03:00 in Berlin.
    const evening = {
      id: 'e',
      startsAt: '2026-12-04T02:00:00Z',
      endsAt: '2026-12-04T02:30:00Z',
      timeZone: 'America/New_York',
      location: { id: 'ny' },
      patient: patient('Eve'),
    };
    const nyEvenings = [{ dayOfWeek: 'THURSDAY', startTime: '20:00', endTime: '22:00', locationId: 'ny' }];
    expect(outsideWeeklyHours([evening], nyEvenings, clock)).toEqual([]);
    // The same hours at the default (Berlin) location do not cover it, nor do Berlin's Friday mornings.
    expect(
      outsideWeeklyHours(
        [evening],
        [
          { ...nyEvenings[0], locationId: 'default' },
          { dayOfWeek: 'FRIDAY', startTime: '02:00', endTime: '04:00' },
        ],
        clock,
      ),
    ).toEqual([{ id: 'e', startsAt: evening.startsAt, patientName: 'Eve', timeZone: 'America/New_York' }]);
  });

  it("keeps each booked slot's zone, so the list reads it on that clock", () => {
    const slots = [
      {
        startsAt: '2026-12-04T02:00:00Z',
        timeZone: 'America/New_York',
        appointment: { id: 'e', status: 'CONFIRMED', patient: patient('Eve') },
      },
    ];
    expect(bookedAppointments(slots)).toEqual([
      { id: 'e', startsAt: '2026-12-04T02:00:00Z', patientName: 'Eve', timeZone: 'America/New_York' },
    ]);
  });
});
