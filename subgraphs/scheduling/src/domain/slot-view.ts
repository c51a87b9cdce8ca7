import type { SlotChange } from '@carebook/platform';
import type { Slot } from '../entities/slot.entity';

/** A slot as internal routes answer it (times as ISO strings). */
export function slotView(slot: Slot) {
  return {
    id: slot.id,
    doctorId: slot.doctorId,
    startsAt: slot.startsAt.toISOString(),
    endsAt: slot.endsAt.toISOString(),
    status: slot.status,
    appointmentId: slot.appointmentId,
  };
}

export function slotChange(slot: Pick<Slot, 'id' | 'doctorId' | 'startsAt' | 'endsAt'>, appointmentId: string | null): SlotChange {
  return { slotId: slot.id, doctorId: slot.doctorId, appointmentId, startsAt: slot.startsAt.toISOString(), endsAt: slot.endsAt.toISOString() };
}
