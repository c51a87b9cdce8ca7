import { addDays } from '../../../i18n/clock';

/**
 * An instant range that surely covers the clinic's calendar day `date`,
 * whatever its zone (UTC offsets stay within a day); the board keeps the
 * slots whose clinic date is `date` (Clock.dateOf), so no zone arithmetic here.
 */
export function dayQueryRange(date: string): { from: string; to: string } {
  return { from: `${addDays(date, -1)}T00:00:00.000Z`, to: `${addDays(date, 2)}T00:00:00.000Z` };
}

/** A slot still open to a move or a booking: free and not started. */
export const isBookable = (slot: { status: string; startsAt: string }, now = Date.now()) =>
  slot.status === 'FREE' && Date.parse(slot.startsAt) > now;
