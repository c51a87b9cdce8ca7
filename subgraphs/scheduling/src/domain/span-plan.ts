import type { BookingSpan } from '@carebook/platform';
import { SlotStatus } from '../entities/slot-status.enum';

export interface PlannedSlot {
  id: string;
  startsAt: Date;
  endsAt: Date;
  status: SlotStatus;
  appointmentId: string | null;
}

/**
 * Which of the doctor's slots a booking takes: the appointment's own time
 * (`core`, BOOKED) and its buffers (`buffer`, HELD). The appointment's time
 * must be covered by back-to-back slots from the first one (a gap means the
 * doctor is not working part of it: GAP); buffers only take the slots they
 * touch (no slot there: the doctor is not working then, nothing to hold).
 */
export type SpanPlan<S extends PlannedSlot> = { core: S[]; buffer: S[] } | { problem: 'GAP'; coveredUntil: Date };

const intersects = (slot: PlannedSlot, from: Date, until: Date) =>
  slot.startsAt.getTime() < until.getTime() && slot.endsAt.getTime() > from.getTime();

/** `slots`: the doctor's slots around the span (any status), any order. */
export function planSpan<S extends PlannedSlot>(slots: S[], span: BookingSpan): SpanPlan<S> {
  const sorted = [...slots].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  const core = sorted.filter((slot) => intersects(slot, span.startsAt, span.endsAt));
  let coveredUntil = span.startsAt;
  for (const slot of core) {
    if (slot.startsAt.getTime() !== coveredUntil.getTime()) return { problem: 'GAP', coveredUntil };
    coveredUntil = slot.endsAt;
  }
  if (coveredUntil.getTime() < span.endsAt.getTime()) return { problem: 'GAP', coveredUntil };
  const buffer = sorted.filter((slot) => !core.includes(slot) && intersects(slot, span.heldFrom, span.heldUntil));
  return { core, buffer };
}

/** The first slot in the way of `appointmentId` taking the plan (taken by another, blocked), or null when all can be taken. */
export function firstObstacle<S extends PlannedSlot>(
  plan: { core: S[]; buffer: S[] },
  appointmentId: string | null,
): S | null {
  return (
    [...plan.core, ...plan.buffer].find(
      (slot) => slot.status !== SlotStatus.FREE && !(appointmentId && slot.appointmentId === appointmentId),
    ) ?? null
  );
}

/** The whole span is free now: what availability offers. */
export function spanIsFree<S extends PlannedSlot>(slots: S[], span: BookingSpan): boolean {
  const plan = planSpan(slots, span);
  return !('problem' in plan) && firstObstacle(plan, null) === null;
}
