import { assertWithinBookingWindow, BadUserInput, LimitReached } from '@carebook/platform';
import type { DoctorFacts, MedicalServiceFacts, SlotFacts } from '@carebook/platform';

export const MAX_REASON_LENGTH = 500;
export const MAX_ALTERNATIVES = 5;

/**
 * The checks a new booking (or the target of a reschedule) must pass before
 * anything is written. Pure: the caller looks the facts up. Whether the slot
 * is still free (and the slots after it, for a longer service) is NOT checked
 * here: only the atomic book-slot decides that.
 * `boundByPolicy`: a patient is asking, so the service's minimum notice and
 * horizon apply (staff are bound by neither); `field` names the slot input.
 */
export function checkBookable(input: {
  slot: SlotFacts;
  doctor: DoctorFacts | undefined;
  service: MedicalServiceFacts;
  now: Date;
  boundByPolicy?: boolean;
  field?: string;
}): void {
  const { slot, doctor, service, now, field = 'slotId' } = input;
  if (!service.active)
    throw new BadUserInput(`The service "${service.name}" is no longer offered; choose another service.`, 'serviceId');
  if (!doctor || !doctor.active)
    throw new BadUserInput('The doctor of this slot no longer takes appointments; choose another slot.', field);
  if (!doctor.serviceIds.includes(service.id)) {
    throw new BadUserInput(
      `${doctor.name} does not offer "${service.name}"; choose a slot of a doctor who does.`,
      'serviceId',
    );
  }
  if (new Date(slot.startsAt).getTime() <= now.getTime())
    throw new BadUserInput('This slot has already started; appointments cannot be booked in the past.', field);
  // A service longer than the slot runs over the following ones: scheduling books them all or refuses (TOO_SHORT).
  if (input.boundByPolicy) assertWithinBookingWindow(new Date(slot.startsAt), service.bookingPolicy, now, field);
}

/** Half-open intervals [start, end) overlap when each starts before the other ends. */
export function overlaps(a: { startsAt: Date; endsAt: Date }, b: { startsAt: Date; endsAt: Date }): boolean {
  return a.startsAt.getTime() < b.endsAt.getTime() && b.startsAt.getTime() < a.endsAt.getTime();
}

/**
 * LIMIT_REACHED when a patient booking for themselves already holds `limit`
 * upcoming appointments: one patient cannot take every free slot of a
 * doctor's day. An admin booking for a patient (`exempt`) may pass it.
 */
export function checkActiveLimit(upcoming: number, limit: number, exempt: boolean): void {
  if (exempt || upcoming < limit) return;
  throw new LimitReached(
    `A patient may hold at most ${limit} upcoming appointments at once and you have ${upcoming}; cancel one, or wait until one has taken place, to book another (the clinic's staff can book beyond the limit).`,
    limit,
  );
}

/** Trims the reason; blank means none. */
export function normaliseReason(reason: string | null | undefined): string | null {
  const trimmed = reason?.trim();
  if (!trimmed) return null;
  if (trimmed.length > MAX_REASON_LENGTH)
    throw new BadUserInput(`reason must be at most ${MAX_REASON_LENGTH} characters.`, 'reason');
  return trimmed;
}
