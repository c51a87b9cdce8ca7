import { bookingSpan, spansNeighbours } from './booking-span';

const slot = { startsAt: '2027-01-04T09:00:00.000Z', endsAt: '2027-01-04T09:30:00.000Z' };
const iso = (span: ReturnType<typeof bookingSpan>) =>
  Object.fromEntries(Object.entries({ ...span }).map(([key, value]) => [key, value.toISOString()]));

describe('bookingSpan', () => {
  it('keeps a service that fits its slot to the slot, holding nothing around it', () => {
    const span = bookingSpan(slot, { durationMinutes: 20 });
    expect(iso(span)).toEqual({
      startsAt: slot.startsAt,
      endsAt: slot.endsAt,
      heldFrom: slot.startsAt,
      heldUntil: slot.endsAt,
    });
    expect(spansNeighbours(span, slot)).toBe(false);
  });

  it('runs a longer service past its first slot, for exactly its duration', () => {
    const span = bookingSpan(slot, { durationMinutes: 75 });
    expect(span.endsAt.toISOString()).toBe('2027-01-04T10:15:00.000Z');
    expect(spansNeighbours(span, slot)).toBe(true);
  });

  it('holds the buffers before and after the appointment', () => {
    const span = bookingSpan(slot, { durationMinutes: 30, bufferBeforeMinutes: 10, bufferAfterMinutes: 15 });
    expect(iso(span)).toEqual({
      startsAt: slot.startsAt,
      endsAt: slot.endsAt,
      heldFrom: '2027-01-04T08:50:00.000Z',
      heldUntil: '2027-01-04T09:45:00.000Z',
    });
    expect(spansNeighbours(span, slot)).toBe(true);
  });
});
