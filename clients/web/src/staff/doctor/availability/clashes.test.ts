import { createClock } from '../../../i18n/clock';
import { bookedAppointments, outsideWeeklyHours } from './clashes';

describe('what a change of hours would clash with', () => {
  const clock = createClock('Europe/Berlin', 'en-GB');
  const patient = (name: string) => ({ name });

  it('lists the open appointments of a time off\'s range, not free slots or closed visits', () => {
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

  it('finds the appointments no new weekly rule covers, by the clinic\'s wall clock', () => {
    // Thursday 3 December 2026: 09:00-09:30 and 15:00-15:30 in Berlin (CET, UTC+1).
    const morning = { id: 'm', startsAt: '2026-12-03T08:00:00Z', endsAt: '2026-12-03T08:30:00Z', patient: patient('Mo') };
    const afternoon = { id: 'n', startsAt: '2026-12-03T14:00:00Z', endsAt: '2026-12-03T14:30:00Z', patient: patient('Noa') };
    const mornings = [{ dayOfWeek: 'THURSDAY', startTime: '09:00', endTime: '12:00' }];
    expect(outsideWeeklyHours([morning, afternoon], mornings, clock).map((c) => c.id)).toEqual(['n']);
    // Another day's hours do not cover Thursday; a rule ending mid-visit does not either.
    expect(outsideWeeklyHours([morning], [{ dayOfWeek: 'FRIDAY', startTime: '09:00', endTime: '12:00' }], clock).map((c) => c.id)).toEqual(['m']);
    expect(outsideWeeklyHours([morning], [{ dayOfWeek: 'THURSDAY', startTime: '08:00', endTime: '09:15' }], clock).map((c) => c.id)).toEqual(['m']);
    expect(outsideWeeklyHours([morning, afternoon], [...mornings, { dayOfWeek: 'THURSDAY', startTime: '14:00', endTime: '16:00' }], clock)).toEqual([]);
  });
});
