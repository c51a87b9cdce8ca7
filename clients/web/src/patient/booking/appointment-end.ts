/**
 * When an appointment booked from this slot ends: with the slot, or later for
 * a service longer than it (it runs over the next slots, which availability
 * only offers when they are free). The same rule as the API's bookingSpan.
 */
export function appointmentEnd(slot: { startsAt: string; endsAt: string }, durationMinutes: number): string {
  const end = Math.max(Date.parse(slot.endsAt), Date.parse(slot.startsAt) + durationMinutes * 60_000);
  return new Date(end).toISOString();
}
