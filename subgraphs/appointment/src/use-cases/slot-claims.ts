/**
 * The bookings of one slot this process has in flight, so that the requests
 * that arrive for a slot while another booking of it runs wait for that one
 * instead of each recording a PENDING, asking scheduling and withdrawing: in
 * a rush for slots (a campaign opening) most requests are these, and only
 * one of them can win. When the booking ahead ends with the slot taken (it
 * got it, or scheduling said someone else has it), the waiters are refused
 * as TAKEN from that fact, which is as fresh as an answer from scheduling:
 * it is settled the moment they wake (afterwards clients/slot-memory.ts
 * answers for the slot until a release frees it). When it
 * left the slot untaken, the next waiter books as usual; when it failed (an
 * error, or refused for its patient's own reasons: an overlap, the limit),
 * they all go ahead as they would have without waiting. Only refusals rest
 * on this; a booking always goes through scheduling's atomic conditional
 * update.
 */
export interface SlotClaims {
  /**
   * Runs `book` alone among this process's bookings of `slotId`, or answers
   * 'TAKEN' without running it when a booking ahead of it took the slot.
   * `tookSlot` says of an outcome whether the slot is now taken.
   */
  alone<T>(slotId: string, book: () => Promise<T>, tookSlot: (outcome: T) => boolean): Promise<T | 'TAKEN'>;
}

/** How a booking in flight ended for the slot: taken, still open (answered BLOCKED, NOT_FOUND), or failed (thrown). */
type Ending = 'taken' | 'open' | 'failed';

export function slotClaims(): SlotClaims {
  const inFlight = new Map<string, Promise<Ending>>();
  return {
    async alone(slotId, book, tookSlot) {
      for (let ahead = inFlight.get(slotId); ahead; ahead = inFlight.get(slotId)) {
        const ending = await ahead;
        if (ending === 'taken') return 'TAKEN';
        // A failure (scheduling slow or down, an error) says nothing of the slot, and waiting one after
        // another would add up the timeouts: the waiters go ahead at once, as if nobody had been ahead.
        if (ending === 'failed') return book();
      }
      // No await between the check above and the claim below: two waiters cannot both find the slot unclaimed.
      const mine = book();
      const ending = mine.then(
        (outcome): Ending => (tookSlot(outcome) ? 'taken' : 'open'),
        (): Ending => 'failed',
      );
      inFlight.set(slotId, ending);
      void ending.then(() => {
        if (inFlight.get(slotId) === ending) inFlight.delete(slotId);
      });
      return mine;
    },
  };
}
