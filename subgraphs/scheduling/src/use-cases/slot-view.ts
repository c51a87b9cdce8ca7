import type { SlotChange, SlotFacts } from '@carebook/platform';
import type { Slot } from '../entities/slot.entity';
import type { ClinicLocations } from '../clients/clinic-locations';

/** Slots as internal routes answer them (times as ISO strings), each with its location and zone. */
type Viewed = Pick<Slot, 'id' | 'doctorId' | 'locationId' | 'startsAt' | 'endsAt' | 'status' | 'appointmentId'>;

export async function slotViews(locations: ClinicLocations, slots: Viewed[]): Promise<SlotFacts[]> {
  const places = new Map(
    await Promise.all(
      [...new Set(slots.map((slot) => slot.locationId))].map(async (id) => [id, await locations.placeOf(id)] as const),
    ),
  );
  return slots.map((slot) => ({ ...slotView(slot), place: places.get(slot.locationId)! }));
}

function slotView(slot: Viewed) {
  return {
    id: slot.id,
    doctorId: slot.doctorId,
    startsAt: slot.startsAt.toISOString(),
    endsAt: slot.endsAt.toISOString(),
    status: slot.status as SlotFacts['status'],
    appointmentId: slot.appointmentId,
  };
}

export function slotChange(
  slot: Pick<Slot, 'id' | 'doctorId' | 'startsAt' | 'endsAt'>,
  appointmentId: string | null,
): SlotChange {
  return {
    slotId: slot.id,
    doctorId: slot.doctorId,
    appointmentId,
    startsAt: slot.startsAt.toISOString(),
    endsAt: slot.endsAt.toISOString(),
  };
}
