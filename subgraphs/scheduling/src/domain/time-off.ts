import { BadUserInput, recordEvent } from '@carebook/platform';
import type { EntityManager } from '@mikro-orm/core';
import { SlotStatus } from '../entities/slot-status.enum';
import { Slot } from '../entities/slot.entity';
import { TimeOff } from '../entities/time-off.entity';
import { checkRange } from './availability-input';
import { SchedulingContext, SOURCE } from './scheduling-context';

export interface TimeOffOutcome {
  blockedSlots: number;
  /** Appointments whose slots lie in the time off; staff move them. */
  conflictAppointmentIds: string[];
}

/** Records a time off, blocks the free slots in it and lists the booked ones. */
export async function addTimeOff(em: EntityManager, context: SchedulingContext, doctorId: string, from: Date, to: Date, reason?: string | null): Promise<TimeOffOutcome> {
  checkRange(from, to);
  if (to <= new Date()) throw new BadUserInput('The time off is entirely in the past; give a period that has not ended yet.', 'to');
  const text = reason?.trim() || null;
  if (text && text.length > 500) throw new BadUserInput('reason may be at most 500 characters.', 'reason');
  await context.doctors.requireDoctor(doctorId);
  const inRange = { doctorId, startsAt: { $lt: to }, endsAt: { $gt: from } };
  const outcome = await em.transactional(async (tx) => {
    tx.persist(tx.create(TimeOff, { doctorId, startsAt: from, endsAt: to, reason: text }));
    const free = await tx.find(Slot, { ...inRange, status: SlotStatus.FREE }, { fields: ['id'] });
    let blocked: Slot[] = [];
    if (free.length) {
      const ids = free.map((slot) => slot.id);
      // Conditional on FREE: a slot booked a moment ago stays booked and shows up as a conflict instead.
      await tx.nativeUpdate(Slot, { id: { $in: ids }, status: SlotStatus.FREE }, { status: SlotStatus.BLOCKED });
      blocked = await tx.find(Slot, { id: { $in: ids }, status: SlotStatus.BLOCKED }, { orderBy: { startsAt: 'asc' }, refresh: true });
    }
    if (blocked.length) {
      recordEvent(tx, SOURCE, 'SLOT_BLOCKED', { type: 'DoctorSchedule', id: doctorId }, {
        doctorId,
        slotIds: blocked.map((slot) => slot.id),
        from: from.toISOString(),
        to: to.toISOString(),
      });
    }
    const booked = await tx.find(Slot, { ...inRange, status: { $in: [SlotStatus.BOOKED, SlotStatus.HELD] } }, { orderBy: { startsAt: 'asc' } });
    return { blockedSlots: blocked.length, conflictAppointmentIds: booked.flatMap((slot) => (slot.appointmentId ? [slot.appointmentId] : [])) };
  });
  context.afterCommit();
  return outcome;
}
