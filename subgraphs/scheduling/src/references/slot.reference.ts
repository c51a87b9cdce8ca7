import { entityByIdLoader, Forbidden, RequestContext, requireUser, Role } from '@carebook/platform';
import { SlotStatus } from '../entities/slot-status.enum';
import { Slot } from '../entities/slot.entity';

/**
 * Appointments and SlotUnavailable alternatives refer to slots by id; a page
 * of them costs one query. A free slot is public, as availableSlots shows it.
 * Any other slot tells when a doctor is taken: signed-in users only, and of
 * doctors only the slot's own (as slot(id) and Doctor.schedule). A patient
 * reaches a booked slot through an appointment the appointment subgraph let
 * them read; who holds the slot (Slot.appointment) is checked there.
 */
export const slotReference = {
  Slot: {
    __resolveReference: async (reference: { id: string }, ctx: RequestContext) => {
      const slot = await entityByIdLoader(ctx, Slot).load(reference.id);
      if (!slot || slot.status === SlotStatus.FREE) return slot;
      const viewer = requireUser(ctx);
      if (viewer.role === Role.DOCTOR && viewer.id !== slot.doctorId)
        throw new Forbidden("A doctor sees only their own schedule's slots.");
      return slot;
    },
  },
};
