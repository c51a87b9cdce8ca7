import { BadUserInput, BookingSpan, Conflict, mongoErrorLabels, NotFound, recordEvent } from '@carebook/platform';
import { DeadlockException, EntityManager, LockWaitTimeoutException } from '@mikro-orm/core';
import { SlotStatus } from '../entities/slot-status.enum';
import { Slot } from '../entities/slot.entity';
import { SchedulingContext, SOURCE } from '../deps';
import { firstObstacle, planSpan } from '../domain/span-plan';
import { slotChange } from './slot-view';

export const TAKEN = [SlotStatus.BOOKED, SlotStatus.HELD];

/** One booking holds at most a day of the doctor's time. */
const MAX_SPAN_MS = 24 * 3600_000;

/** Runs of the transaction when the database ended it for a lock conflict (then the winner has committed). */
const MAX_ATTEMPTS = 8;

/** The transaction saw a slot of the span go to someone else: it rolls back and answers TAKEN. */
class LostRace extends Error {}

/**
 * Books a span of the doctor's time for the appointment, starting with
 * `slotId`: the slots the appointment runs over (BOOKED) and those its
 * buffers touch (HELD), all or none, in one transaction. The slots are
 * updated conditionally (FREE, or already this appointment's: a retry, or a
 * reschedule onto time it holds) and the transaction then counts that the
 * appointment holds every one of them, so a concurrent booking of any slot of
 * the span makes exactly one of the two roll back, whatever the interleaving.
 * Refusals say why: TAKEN, BLOCKED (time off), PAST, or TOO_SHORT (the
 * doctor's consecutive slots end before the appointment would).
 */
export async function bookSpan(
  em: EntityManager,
  context: SchedulingContext,
  slotId: string,
  appointmentId: string,
  wanted: Omit<BookingSpan, 'startsAt'>,
): Promise<Slot> {
  for (let attempt = 1; ; attempt++) {
    try {
      const anchor = await em.fork().transactional((tx) => takeSpan(tx, slotId, appointmentId, wanted));
      context.afterCommit();
      return anchor;
    } catch (error) {
      if (error instanceof LostRace) throw taken();
      // Two spans locking shared slots in opposite order: the database ends one; it tries again and sees who won.
      if (isTransient(error) && attempt < MAX_ATTEMPTS) {
        await new Promise((resolve) => setTimeout(resolve, (5 + Math.random() * 20) * attempt));
        continue;
      }
      throw error;
    }
  }
}

async function takeSpan(
  tx: EntityManager,
  slotId: string,
  appointmentId: string,
  wanted: Omit<BookingSpan, 'startsAt'>,
): Promise<Slot> {
  const anchor = await tx.findOne(Slot, { id: slotId });
  if (!anchor) throw new NotFound('Slot', slotId);
  const span: BookingSpan = { startsAt: anchor.startsAt, ...wanted };
  checkSpan(span, anchor);
  if (anchor.startsAt.getTime() <= Date.now())
    throw new Conflict('This slot has already started; please choose a later time.', { reason: 'PAST' });
  const around = await tx.find(Slot, {
    doctorId: anchor.doctorId,
    startsAt: { $lt: span.heldUntil },
    endsAt: { $gt: span.heldFrom },
  });
  const plan = planSpan(around, span);
  if ('problem' in plan) throw tooShort(span, plan.coveredUntil);
  const obstacle = firstObstacle(plan, appointmentId);
  if (obstacle) throw obstacle.status === SlotStatus.BLOCKED ? blocked(obstacle, anchor) : taken();
  const mayTake = { $or: [{ status: SlotStatus.FREE }, { status: { $in: TAKEN }, appointmentId }] };
  const all = [...plan.core, ...plan.buffer];
  // One statement takes every slot (MariaDB locks them in key order, so overlapping spans queue instead of
  // deadlocking); the buffers, ours by then, are marked HELD after.
  await tx.nativeUpdate(
    Slot,
    { id: { $in: all.map((s) => s.id) }, ...mayTake },
    { status: SlotStatus.BOOKED, appointmentId },
  );
  if (plan.buffer.length)
    await tx.nativeUpdate(
      Slot,
      { id: { $in: plan.buffer.map((s) => s.id) }, appointmentId },
      { status: SlotStatus.HELD },
    );
  // A slot another booking took after our read was not updated: counting ours proves all or none.
  if ((await tx.count(Slot, { id: { $in: all.map((s) => s.id) }, appointmentId })) !== all.length) throw new LostRace();
  for (const slot of all) {
    if (slot.appointmentId !== appointmentId)
      recordEvent(tx, SOURCE, 'SLOT_BOOKED', { type: 'Slot', id: slot.id }, slotChange(slot, appointmentId));
  }
  return anchor;
}

function checkSpan(span: BookingSpan, anchor: Slot): void {
  const { startsAt, endsAt, heldFrom, heldUntil } = span;
  const ordered = heldFrom <= startsAt && endsAt >= anchor.endsAt && heldUntil >= endsAt;
  if (!ordered || heldUntil.getTime() - heldFrom.getTime() > MAX_SPAN_MS) {
    throw new BadUserInput(
      'span must run from heldFrom <= the slot start, to endsAt >= the slot end and heldUntil >= endsAt, within 24 hours.',
      'span',
    );
  }
}

function taken(): Conflict {
  return new Conflict(
    'Part of the time this appointment needs (its length or its buffers) has just been taken; please choose another time.',
    { reason: 'TAKEN' },
  );
}

function blocked(obstacle: Slot, anchor: Slot): Conflict {
  const where =
    obstacle.id === anchor.id
      ? 'at this time'
      : `from ${obstacle.startsAt.toISOString()} to ${obstacle.endsAt.toISOString()}, which this appointment needs`;
  return new Conflict(`The doctor is not available ${where}; please choose another time.`, { reason: 'BLOCKED' });
}

function tooShort(span: BookingSpan, coveredUntil: Date): Conflict {
  const minutes = Math.round((span.endsAt.getTime() - span.startsAt.getTime()) / 60_000);
  return new Conflict(
    `This appointment takes ${minutes} minutes, until ${span.endsAt.toISOString()}, but the doctor's consecutive slots from this start end at ${coveredUntil.toISOString()} (the whole-duration rule: it must end by then); choose an earlier start or another day.`,
    { reason: 'TOO_SHORT', rule: 'WHOLE_DURATION', latestEndAllowed: coveredUntil.toISOString() },
  );
}

/** A deadlock or lock timeout (MariaDB), a write conflict (MongoDB): safe to run the transaction again. */
function isTransient(error: unknown): boolean {
  if (error instanceof DeadlockException || error instanceof LockWaitTimeoutException) return true;
  return (
    mongoErrorLabels(error).includes('TransientTransactionError') ||
    /WriteConflict|Deadlock|Lock wait timeout/i.test(String((error as Error)?.message))
  );
}
