import { appointmentEnd } from './appointment-end';

describe('appointmentEnd', () => {
  const slot = { startsAt: '2027-01-04T09:00:00.000Z', endsAt: '2027-01-04T09:30:00.000Z' };

  it('ends with the slot when the service fits in it', () => {
    expect(appointmentEnd(slot, 20)).toBe('2027-01-04T09:30:00.000Z');
  });

  it('runs a longer service past the slot for its whole duration', () => {
    expect(appointmentEnd(slot, 75)).toBe('2027-01-04T10:15:00.000Z');
  });
});
