import { Conflict, NotFound, recordEvent } from '@carebook/platform';
import type { EntityManager } from '@mikro-orm/core';
import { SlotStatus } from '../entities/slot-status.enum';
import { Slot } from '../entities/slot.entity';
import { TimeOff } from '../entities/time-off.entity';
import { SchedulingContext, SOURCE } from './scheduling-context';
import { slotChange } from './slot-view';

const TAKEN = [SlotStatus.BOOKED, SlotStatus.HELD];

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

const booked = (slot: { id: string } & ExpectedSlot): BookedSlot => ({ slotId: slot.id, doctorId: slot.doctorId, startsAt: slot.startsAt.toISOString(), endsAt: slot.endsAt.toISOString() });

/**
 * Books the slot for the appointment with ONE conditional update (FREE and in
 * the future -> BOOKED), never read-then-write: of any number of concurrent
 * calls exactly one changes the row. The same appointment asking again gets
 * the same answer; anyone else a CONFLICT saying why (TAKEN, BLOCKED, PAST).
 * With `expected`, the update also matches the slot's doctor and times, so a
 * win proves them and the event needs no re-read of the row.
 */
export async function bookSlot(em: EntityManager, context: SchedulingContext, slotId: string, appointmentId: string, expected?: ExpectedSlot): Promise<BookedSlot> {
  const now = new Date();
  const won = await em.transactional(async (tx) => {
    const where = expected
      ? { id: slotId, status: SlotStatus.FREE, doctorId: expected.doctorId, startsAt: { $gt: now, $eq: expected.startsAt }, endsAt: expected.endsAt }
      : { id: slotId, status: SlotStatus.FREE, startsAt: { $gt: now } };
    const changed = await tx.nativeUpdate(Slot, where, { status: SlotStatus.BOOKED, appointmentId });
    if (changed === 0) return null;
    const slot = expected ? { id: slotId, ...expected } : await tx.findOneOrFail(Slot, { id: slotId }, { refresh: true });
    recordEvent(tx, SOURCE, 'SLOT_BOOKED', { type: 'Slot', id: slot.id }, slotChange(slot, appointmentId));
    return slot;
  });
  if (won) {
    context.afterCommit();
    return booked(won);
  }
  const slot = await em.fork().findOne(Slot, { id: slotId });
  if (!slot) throw new NotFound('Slot', slotId);
  if (TAKEN.includes(slot.status)) {
    if (slot.appointmentId === appointmentId) return booked(slot);
    throw new Conflict('This slot has just been taken; please choose another time.', { reason: 'TAKEN' });
  }
  // Bookable after all: the caller's idea of the slot was wrong; book what is there.
  if (expected && slot.status === SlotStatus.FREE && slot.startsAt > now) return bookSlot(em, context, slotId, appointmentId);
  if (slot.status === SlotStatus.BLOCKED) throw new Conflict('The doctor is not available at this time; please choose another time.', { reason: 'BLOCKED' });
  throw new Conflict('This slot has already started; please choose a later time.', { reason: 'PAST' });
}

/**
 * Gives the appointment's slot back: FREE again, or BLOCKED when a time off
 * now covers it. Conditional on the slot still being that appointment's, so a
 * repeat (or a stale caller) changes nothing and answers released: false.
 */
export async function releaseSlot(em: EntityManager, context: SchedulingContext, slotId: string, appointmentId: string): Promise<{ released: boolean }> {
  const released = await em.transactional(async (tx) => {
    const slot = await tx.findOne(Slot, { id: slotId });
    if (!slot) throw new NotFound('Slot', slotId);
    if (!TAKEN.includes(slot.status) || slot.appointmentId !== appointmentId) return false;
    const covered = (await tx.count(TimeOff, { doctorId: slot.doctorId, startsAt: { $lt: slot.endsAt }, endsAt: { $gt: slot.startsAt } })) > 0;
    const changed = await tx.nativeUpdate(
      Slot,
      { id: slotId, status: { $in: TAKEN }, appointmentId },
      { status: covered ? SlotStatus.BLOCKED : SlotStatus.FREE, appointmentId: null },
    );
    if (changed === 0) return false;
    recordEvent(tx, SOURCE, 'SLOT_RELEASED', { type: 'Slot', id: slot.id }, slotChange(slot, appointmentId));
    return true;
  });
  if (released) context.afterCommit();
  return { released };
}
