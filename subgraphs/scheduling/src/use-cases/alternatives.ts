import { bookingSpan, ServiceTimeNeeds, spansNeighbours } from '@carebook/platform';
import type { EntityManager } from '@mikro-orm/core';
import type { FreeSlot, FreeSlotsSide, SlotStore } from '../store';
import { fittingStarts } from './fitting-starts';

export interface AlternativesQuery {
  doctorId: string;
  around: Date;
  minMinutes?: number;
  /** The service's length and buffers: only starts where all of it fits (several slots, buffers). */
  needs?: ServiceTimeNeeds;
  otherDoctorIds?: string[];
  excludeSlotIds?: string[];
  limit: number;
  /** Only starts in [notBefore, notAfter]: the booking window of the patient asking. */
  notBefore?: Date;
  notAfter?: Date;
}

const CANDIDATES_PER_ALTERNATIVE = 6;

const distance = (slot: FreeSlot, around: Date) => Math.abs(slot.startsAt.getTime() - around.getTime());

/** The `limit` of these nearest to `around` (the earlier start first at equal distance). */
function nearestOf(slots: FreeSlot[], around: Date, limit: number): FreeSlot[] {
  if (limit <= 0) return [];
  return [...slots]
    .sort((a, b) => distance(a, around) - distance(b, around) || a.startsAt.getTime() - b.startsAt.getTime())
    .slice(0, limit);
}

/** The two sides of `around` (after it, and before it while it is ahead), `look` each, for one group of doctors. */
function sidesOf(doctorIds: string[], query: AlternativesQuery, look: number, now: Date): FreeSlotsSide[] {
  if (doctorIds.length === 0) return [];
  const base = { doctorIds, excludeIds: query.excludeSlotIds ?? [], minMinutes: query.minMinutes, after: now };
  // notBefore moves "now" (starts are counted after it); notAfter caps both directions.
  const later: FreeSlotsSide = {
    ...base,
    ...(query.around > now ? { from: query.around } : {}),
    until: query.notAfter,
    order: 'asc',
    limit: look,
  };
  if (!(query.around > now)) return [later];
  return [later, { ...base, before: query.around, until: query.notAfter, order: 'desc', limit: look }];
}

/**
 * The doctor's own free slots nearest in time first, then other doctors' nearest, at most `limit` in all.
 * Both groups are read at once (one statement on MySQL). The `limit` nearest each way are the answer when each
 * fits in its own slot (a service no longer than its slots, no buffers: every refusal of a one-slot service);
 * only when a start reaches its neighbours is the search widened and the starts that do not fit dropped.
 */
export async function findAlternatives(
  em: EntityManager,
  store: SlotStore,
  query: AlternativesQuery,
  at = new Date(),
): Promise<FreeSlot[]> {
  const now =
    query.notBefore && query.notBefore.getTime() - 1 > at.getTime() ? new Date(query.notBefore.getTime() - 1) : at;
  const groups = [[query.doctorId], [...new Set(query.otherDoctorIds ?? [])].filter((id) => id !== query.doctorId)];
  const read = async (look: number) => {
    const sides = groups.map((ids) => sidesOf(ids, query, look, now));
    const found = await store.freeSlots(em, sides.flat());
    // Back to one candidate list per group.
    return sides.map((own) => found.splice(0, own.length).flat());
  };
  let candidates = await read(query.limit);
  const needs = query.needs;
  if (needs && candidates.flat().some((slot) => spansNeighbours(bookingSpan(slot, needs), slot))) {
    const wider = await read(query.limit * CANDIDATES_PER_ALTERNATIVE);
    candidates = await Promise.all(wider.map((group) => fittingStarts(em, group, needs)));
  }
  const own = nearestOf(candidates[0], query.around, query.limit);
  return [...own, ...nearestOf(candidates[1], query.around, query.limit - own.length)];
}
