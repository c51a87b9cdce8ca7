/**
 * The bookings of one slot this process has in flight, so that the requests
 * that arrive for a slot while another booking of it runs wait for that one
 * instead of each recording a PENDING, asking scheduling and withdrawing: in
 * a rush for slots (a campaign opening) most requests are these, and only
 * one of them can win. When the booking ahead ends with the slot taken (it
 * got it, or scheduling said someone else has it), the waiters are refused
 * as TAKEN from that fact, which is as fresh as an answer from scheduling:
 * it is settled the moment they wake, and no cache keeps it afterwards
 * (a slot freed a moment later is bookable by the next request). When it
 * ends otherwise (refused for its patient's own reasons, an error), the next
 * waiter books as usual. Only refusals rest on this; a booking always goes
 * through scheduling's atomic conditional update.
 */
export interface SlotClaims {
  /**
   * Runs `book` alone among this process's bookings of `slotId`, or answers
   * 'TAKEN' without running it when a booking ahead of it took the slot.
   * `tookSlot` says of an outcome whether the slot is now taken.
   */
  alone<T>(slotId: string, book: () => Promise<T>, tookSlot: (outcome: T) => boolean): Promise<T | 'TAKEN'>;
}

export function slotClaims(): SlotClaims {
  // Per slot: the booking in flight, resolving to whether it left the slot taken (never rejects).
  const inFlight = new Map<string, Promise<boolean>>();
  return {
    async alone(slotId, book, tookSlot) {
      for (let ahead = inFlight.get(slotId); ahead; ahead = inFlight.get(slotId)) {
        if (await ahead) return 'TAKEN';
      }
      // No await between the check above and the claim below: two waiters cannot both find the slot unclaimed.
      const mine = book();
      const taken = mine.then(tookSlot, () => false);
      inFlight.set(slotId, taken);
      void taken.then(() => {
        if (inFlight.get(slotId) === taken) inFlight.delete(slotId);
      });
      return mine;
    },
  };
}
