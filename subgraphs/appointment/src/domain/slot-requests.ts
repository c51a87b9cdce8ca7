import type { BookingSpan, SlotFacts } from '@carebook/platform';

/**
 * Scheduling's book-slot and release-slot inputs from what the booking rules
 * hold (Dates; the slot as looked up). The slot as looked up lets scheduling
 * check the facts in its update instead of re-reading the row; the span books
 * every slot the appointment's time and buffers touch: all or none.
 */
export function bookSlotRequest(
  slot: Pick<SlotFacts, 'id' | 'doctorId' | 'startsAt' | 'endsAt'>,
  appointmentId: string,
  span: BookingSpan,
) {
  return {
    slotId: slot.id,
    appointmentId,
    expected: { doctorId: slot.doctorId, startsAt: slot.startsAt, endsAt: slot.endsAt },
    span: {
      endsAt: span.endsAt.toISOString(),
      heldFrom: span.heldFrom.toISOString(),
      heldUntil: span.heldUntil.toISOString(),
    },
  };
}

/** Frees every slot the appointment holds, except those touching `keep` (the time it goes on holding). */
export function releaseRequest(appointmentId: string, keep?: { from: Date; until: Date }) {
  return {
    appointmentId,
    ...(keep ? { keep: { from: keep.from.toISOString(), until: keep.until.toISOString() } } : {}),
  };
}
