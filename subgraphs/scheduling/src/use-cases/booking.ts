import { BookingSpan, Conflict, NotFound, recordEvent, spansNeighbours } from '@carebook/platform';
import type { EntityManager } from '@mikro-orm/core';
import { SlotStatus } from '../entities/slot-status.enum';
import { Slot } from '../entities/slot.entity';
import { TimeOff } from '../entities/time-off.entity';
import { SchedulingContext, SOURCE } from '../deps';
import { slotChange } from './slot-view';
import { bookSpan, TAKEN } from './span-booking';
import { bookExpectedSlotSql } from '../store/slot-booking-sql';

export interface BookedSlot {
  slotId: string;
  doctorId: string;
  startsAt: string;
  endsAt: string;
}

/** What the caller believes the slot is (from its earlier lookup); slots never change doctor or times. */
export interface ExpectedSlot {
  doctorId: string;
  startsAt: Date;
  endsAt: Date;
}

const booked = (slot: { id: string } & ExpectedSlot): BookedSlot => ({
  slotId: slot.id,
  doctorId: slot.doctorId,
  startsAt: slot.startsAt.toISOString(),
  endsAt: slot.endsAt.toISOString(),
});

/**
 * Books the slot for the appointment with ONE conditional update (FREE and in
 * the future -> BOOKED), never read-then-write: of any number of concurrent
 * calls exactly one changes the row. The same appointment asking again gets
 * the same answer; anyone else a CONFLICT saying why (TAKEN, BLOCKED, PAST).
 * With `expected`, the update also matches the slot's doctor and times, so a
 * win proves them and the event needs no re-read of the row.
 * With a `span` reaching past the slot (a longer service, buffers), the
 * booking takes every slot of the span in one transaction instead (bookSpan).
 */
export async function bookSlot(
  em: EntityManager,
  context: SchedulingContext,
  slotId: string,
  appointmentId: string,
  expected?: ExpectedSlot,
  span?: Omit<BookingSpan, 'startsAt'>,
): Promise<BookedSlot> {
  if (span && expected && spansNeighbours({ ...span, startsAt: expected.startsAt }, expected))
    return booked(await bookSpan(em, context, slotId, appointmentId, span));
  if (span && !expected) return booked(await bookSpan(em, context, slotId, appointmentId, span));
  const now = new Date();
  if (expected && context.sql) {
    if (await bookExpectedSlotSql(context.sql, slotId, appointmentId, expected, now)) {
      context.afterCommit();
      return booked({ id: slotId, ...expected });
    }
  } else {
    const won = await em.transactional(async (tx) => {
      const where = expected
        ? {
            id: slotId,
            status: SlotStatus.FREE,
            doctorId: expected.doctorId,
            startsAt: { $gt: now, $eq: expected.startsAt },
            endsAt: expected.endsAt,
          }
        : { id: slotId, status: SlotStatus.FREE, startsAt: { $gt: now } };
      const changed = await tx.nativeUpdate(Slot, where, { status: SlotStatus.BOOKED, appointmentId });
      if (changed === 0) return null;
      const slot = expected
        ? { id: slotId, ...expected }
        : await tx.findOneOrFail(Slot, { id: slotId }, { refresh: true });
      recordEvent(tx, SOURCE, 'SLOT_BOOKED', { type: 'Slot', id: slot.id }, slotChange(slot, appointmentId));
      return slot;
    });
    if (won) {
      context.afterCommit();
      return booked(won);
    }
  }
  const slot = await em.fork().findOne(Slot, { id: slotId });
  if (!slot) throw new NotFound('Slot', slotId);
  if (TAKEN.includes(slot.status)) {
    if (slot.appointmentId === appointmentId) {
      // Held as a buffer of this appointment's earlier time (a reschedule into it): book it properly.
      if (slot.status === SlotStatus.HELD)
        return booked(
          await bookSpan(em, context, slotId, appointmentId, {
            endsAt: slot.endsAt,
            heldFrom: slot.startsAt,
            heldUntil: slot.endsAt,
          }),
        );
      return booked(slot);
    }
    throw new Conflict('This slot has just been taken; please choose another time.', { reason: 'TAKEN' });
  }
  // Bookable after all: the caller's idea of the slot was wrong; book what is there.
  if (expected && slot.status === SlotStatus.FREE && slot.startsAt > now)
    return bookSlot(em, context, slotId, appointmentId, undefined, span);
  if (slot.status === SlotStatus.BLOCKED)
    throw new Conflict('The doctor is not available at this time; please choose another time.', { reason: 'BLOCKED' });
  throw new Conflict('This slot has already started; please choose a later time.', { reason: 'PAST' });
}

/**
 * Gives the appointment's slots back: FREE again, or BLOCKED when a time off
 * now covers them. `slotId`: only that slot; otherwise every slot the
 * appointment holds, except those touching `keep` (the time it goes on
 * holding after a reschedule). Each update is conditional on the slot still
 * being that appointment's, so a repeat (or a stale caller) changes nothing
 * and answers released: false.
 */
export async function releaseSlots(
  em: EntityManager,
  context: SchedulingContext,
  appointmentId: string,
  which: { slotId?: string; keep?: { from: Date; until: Date } },
): Promise<{ released: boolean }> {
  const released = await em.transactional(async (tx) => {
    if (which.slotId && !(await tx.count(Slot, { id: which.slotId }))) throw new NotFound('Slot', which.slotId);
    const held = await tx.find(Slot, {
      appointmentId,
      status: { $in: TAKEN },
      ...(which.slotId ? { id: which.slotId } : {}),
    });
    const keep = which.keep;
    let count = 0;
    for (const slot of held) {
      if (keep && slot.startsAt < keep.until && slot.endsAt > keep.from) continue;
      // The doctor's own time off, or a closure of this slot's location.
      const covered =
        (await tx.count(TimeOff, {
          doctorId: slot.doctorId,
          startsAt: { $lt: slot.endsAt },
          endsAt: { $gt: slot.startsAt },
          $or: [{ locationId: null }, { locationId: slot.locationId }],
        })) > 0;
      const changed = await tx.nativeUpdate(
        Slot,
        { id: slot.id, status: { $in: TAKEN }, appointmentId },
        { status: covered ? SlotStatus.BLOCKED : SlotStatus.FREE, appointmentId: null },
      );
      if (changed === 0) continue;
      recordEvent(tx, SOURCE, 'SLOT_RELEASED', { type: 'Slot', id: slot.id }, slotChange(slot, appointmentId));
      count += 1;
    }
    return count > 0;
  });
  if (released) context.afterCommit();
  return { released };
}
