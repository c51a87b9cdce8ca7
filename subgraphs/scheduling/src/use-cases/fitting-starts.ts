import { bookingSpan, ServiceTimeNeeds, spansNeighbours } from '@carebook/platform';
import type { EntityManager } from '@mikro-orm/core';
import { Slot } from '../entities/slot.entity';
import type { CalendarRow } from '../store';
import { DayZones, localDateOf } from './day-zones';
import { spanIsFree } from '../domain/span-plan';

/**
 * Of these FREE slots, the starts where the service's whole time fits now:
 * its length over back-to-back free slots and its buffers over free time (the
 * same plan a booking takes, span-plan.ts). Starts that need only their own
 * slot pass as they are; the others cost one query for their neighbours.
 */
export async function fittingStarts<T extends Pick<Slot, 'doctorId' | 'startsAt' | 'endsAt'>>(
  em: EntityManager,
  candidates: T[],
  needs: ServiceTimeNeeds,
): Promise<T[]> {
  const spans = new Map(candidates.map((slot) => [slot, bookingSpan(slot, needs)]));
  const reaching = new Set(candidates.filter((slot) => spansNeighbours(spans.get(slot)!, slot)));
  if (reaching.size === 0) return candidates;
  const from = Math.min(...[...reaching].map((slot) => spans.get(slot)!.heldFrom.getTime()));
  const until = Math.max(...[...reaching].map((slot) => spans.get(slot)!.heldUntil.getTime()));
  const doctorIds = [...new Set([...reaching].map((slot) => slot.doctorId))];
  const around = await em.fork().find(
    Slot,
    {
      doctorId: doctorIds.length === 1 ? doctorIds[0] : { $in: doctorIds },
      startsAt: { $lt: new Date(until) },
      endsAt: { $gt: new Date(from) },
    },
    { orderBy: { startsAt: 'asc' } },
  );
  const byDoctor = new Map<string, Slot[]>();
  for (const slot of around) byDoctor.set(slot.doctorId, [...(byDoctor.get(slot.doctorId) ?? []), slot]);
  return candidates.filter((slot) => {
    const span = spans.get(slot)!;
    if (!reaching.has(slot)) return true;
    const near = (byDoctor.get(slot.doctorId) ?? []).filter(
      (other) => other.startsAt < span.heldUntil && other.endsAt > span.heldFrom,
    );
    return spanIsFree(near, span);
  });
}

/** Calendar rows (per local day, each start's location's, and doctor: how many starts fit, and the first) from fitting starts. */
export function calendarRowsOf(
  starts: Array<Pick<Slot, 'id' | 'doctorId' | 'locationId' | 'startsAt' | 'endsAt'>>,
  zones: DayZones,
): CalendarRow[] {
  const rows = new Map<string, CalendarRow>();
  for (const slot of [...starts].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())) {
    const day = localDateOf(zones, slot);
    const key = `${day} ${slot.doctorId}`;
    const row = rows.get(key);
    if (row) row.freeSlots += 1;
    else
      rows.set(key, {
        day,
        doctorId: slot.doctorId,
        freeSlots: 1,
        first: { id: slot.id, startsAt: slot.startsAt, endsAt: slot.endsAt, locationId: slot.locationId },
      });
  }
  return [...rows.values()];
}
