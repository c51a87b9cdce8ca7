import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { bookedInError } from './booked-in-error';

const refusal = (extensions: Record<string, unknown>) =>
  new CombinedGraphQLErrors({ errors: [{ message: 'refused', extensions }] });

describe('the booked appointments a refused time off or closure names', () => {
  it('reads extensions.appointments of a BOOKED_APPOINTMENTS conflict, soonest first, with the doctor and the zone when given', () => {
    const error = refusal({
      code: 'CONFLICT',
      reason: 'BOOKED_APPOINTMENTS',
      appointments: [
        {
          appointmentId: 'b',
          slotId: 's2',
          doctorId: 'd1',
          startsAt: '2026-12-03T10:00:00.000Z',
          patientId: 'p2',
          patientName: 'Bea',
          timeZone: 'America/New_York',
        },
        { appointmentId: 'a', slotId: 's1', startsAt: '2026-12-03T08:00:00.000Z', patientId: 'p1', patientName: null },
      ],
    });
    expect(bookedInError(error)).toEqual([
      { id: 'a', startsAt: '2026-12-03T08:00:00.000Z', patientName: '' },
      {
        id: 'b',
        startsAt: '2026-12-03T10:00:00.000Z',
        patientName: 'Bea',
        doctorId: 'd1',
        timeZone: 'America/New_York',
      },
    ]);
  });

  it("is null for any other error, so that the page shows the API's message instead", () => {
    expect(bookedInError(refusal({ code: 'BAD_USER_INPUT', field: 'to' }))).toBeNull();
    expect(bookedInError(refusal({ code: 'CONFLICT', reason: 'SOMETHING_ELSE', appointments: [] }))).toBeNull();
    expect(bookedInError(new Error('network'))).toBeNull();
  });
});
