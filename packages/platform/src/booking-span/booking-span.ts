/** What a medical service needs of the doctor's time (MedicalServiceFacts has these fields). */
export interface ServiceTimeNeeds {
  durationMinutes: number;
  bufferBeforeMinutes?: number;
  bufferAfterMinutes?: number;
}

/**
 * The time one booking takes, from the slot it starts in: the appointment
 * itself [startsAt, endsAt) and the doctor's time it holds [heldFrom,
 * heldUntil) with the service's buffers. The appointment ends when its first
 * slot ends, or later when the service is longer (it then runs over the
 * following slots). Booking and availability both start from this one
 * definition, so scheduling offers exactly the starts a booking can take.
 */
export interface BookingSpan {
  startsAt: Date;
  endsAt: Date;
  heldFrom: Date;
  heldUntil: Date;
}

const MINUTE = 60_000;

export function bookingSpan(
  slot: { startsAt: Date | string; endsAt: Date | string },
  needs: ServiceTimeNeeds,
): BookingSpan {
  const startsAt = new Date(slot.startsAt);
  const endsAt = new Date(
    Math.max(new Date(slot.endsAt).getTime(), startsAt.getTime() + needs.durationMinutes * MINUTE),
  );
  return {
    startsAt,
    endsAt,
    heldFrom: new Date(startsAt.getTime() - (needs.bufferBeforeMinutes ?? 0) * MINUTE),
    heldUntil: new Date(endsAt.getTime() + (needs.bufferAfterMinutes ?? 0) * MINUTE),
  };
}

/** The span reaches beyond its first slot: more slots than the one picked must be free for it. */
export function spansNeighbours(span: BookingSpan, slot: { startsAt: Date | string; endsAt: Date | string }): boolean {
  return (
    span.heldFrom.getTime() < new Date(slot.startsAt).getTime() ||
    span.heldUntil.getTime() > new Date(slot.endsAt).getTime()
  );
}
