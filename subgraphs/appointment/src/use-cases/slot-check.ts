import type { EntityManager } from '@mikro-orm/core';
import { Appointment } from '../entities/appointment.entity';

/** How long a slot change may take before the reconciler treats a stray slot as left behind. */
export const SLOT_CHECK_GRACE_MS = 20_000;

/** The slot change finished cleanly: nothing left for the reconciler (only if the appointment still holds `slotId`). */
export async function clearSlotCheck(em: EntityManager, id: string, slotId: string): Promise<void> {
  await em.fork().nativeUpdate(Appointment, { id, slotId }, { slotCheckDueAt: null });
}
