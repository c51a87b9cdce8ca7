import { recordEvent } from '@carebook/platform';
import type { EntityManager } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { SlotStatus } from '../entities/slot-status.enum';
import { Slot } from '../entities/slot.entity';
import { TimeOff } from '../entities/time-off.entity';
import type { NewSlot, SlotStore } from '../store';
import { SOURCE } from '../deps';
import type { LocatedSlot } from '../domain/location-hours';

interface Period {
  startsAt: Date;
  endsAt: Date;
}

export const overlaps = (a: Period, b: Period) => a.startsAt < b.endsAt && a.endsAt > b.startsAt;

/** A time off blocks the slot: it overlaps it, and is the doctor's own (everywhere) or a closure of the slot's location. */
export const timeOffCovers = (
  off: Period & { locationId?: string | null },
  slot: Period & { locationId?: string | null },
) => overlaps(off, slot) && (!off.locationId || off.locationId === slot.locationId);

/**
 * The candidates that do not collide with a slot the doctor already has (the
 * same start is the idempotent case; a different length over the same time,
 * left by older rules or a booking, must not give the doctor two slots at once).
 * Both lists are in start order and a doctor's slots never overlap, so one sweep does.
 */
export function withoutCollisions<T extends Period>(candidates: readonly T[], existing: readonly Period[]): T[] {
  const sorted = [...existing].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  const kept: T[] = [];
  let i = 0;
  for (const candidate of candidates) {
    while (i < sorted.length && sorted[i].endsAt <= candidate.startsAt) i++;
    if (i < sorted.length && overlaps(sorted[i], candidate)) continue;
    kept.push(candidate);
  }
  return kept;
}

/**
 * Opens the doctor's future slots among `candidates`, inside the caller's
 * transaction. Idempotent: the unique (doctor, start) key makes the insert
 * skip what exists, so running it twice opens nothing twice. Slots under a
 * time off open BLOCKED. Records SLOTS_OPENED with the slots really created.
 */
export async function openSlots(
  em: EntityManager,
  store: SlotStore,
  doctorId: string,
  candidates: readonly LocatedSlot[],
  now = new Date(),
): Promise<Slot[]> {
  const future = candidates
    .filter((slot) => slot.startsAt > now)
    .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  if (future.length === 0) return [];
  const span: Period = {
    startsAt: future[0].startsAt,
    endsAt: new Date(Math.max(...future.map((s) => s.endsAt.getTime()))),
  };
  const [existing, timeOffs] = await Promise.all([
    em.find(
      Slot,
      { doctorId, startsAt: { $lt: span.endsAt }, endsAt: { $gt: span.startsAt } },
      { fields: ['startsAt', 'endsAt'] },
    ),
    em.find(TimeOff, { doctorId, startsAt: { $lt: span.endsAt }, endsAt: { $gt: span.startsAt } }),
  ]);
  const createdAt = new Date();
  const rows: NewSlot[] = withoutCollisions(future, existing).map((slot) => ({
    id: randomUUID(),
    doctorId,
    locationId: slot.locationId,
    startsAt: slot.startsAt,
    endsAt: slot.endsAt,
    minutes: slot.minutes,
    status: timeOffs.some((off) => timeOffCovers(off, slot)) ? SlotStatus.BLOCKED : SlotStatus.FREE,
    appointmentId: null,
    createdAt,
  }));
  if (rows.length === 0) return [];
  await store.insertIgnoringExisting(em, rows);
  // Ids are fresh UUIDs: those found now are exactly the rows this call created (a concurrent run created the rest).
  const opened = await em.find(Slot, { id: { $in: rows.map((row) => row.id) } }, { orderBy: { startsAt: 'asc' } });
  if (opened.length) {
    recordEvent(
      em,
      SOURCE,
      'SLOTS_OPENED',
      { type: 'DoctorSchedule', id: doctorId },
      {
        doctorId,
        slotIds: opened.map((slot) => slot.id),
        from: opened[0].startsAt.toISOString(),
        to: opened[opened.length - 1].endsAt.toISOString(),
      },
    );
  }
  return opened;
}
