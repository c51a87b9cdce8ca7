import { bookingSpan, ServiceTimeNeeds, spansNeighbours } from '@carebook/platform';
import type { EntityManager } from '@mikro-orm/core';
import { SlotStatus } from '../entities/slot-status.enum';
import { Slot } from '../entities/slot.entity';
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

const distance = (slot: Slot, around: Date) => Math.abs(slot.startsAt.getTime() - around.getTime());

/** Free future slots of the doctors nearest to `around`: the nearest after and before, merged. */
async function nearest(
  em: EntityManager,
  doctorIds: string[],
  query: AlternativesQuery,
  limit: number,
  now: Date,
): Promise<Slot[]> {
  if (doctorIds.length === 0 || limit <= 0) return [];
  const base = {
    doctorId: doctorIds.length === 1 ? doctorIds[0] : { $in: doctorIds },
    status: SlotStatus.FREE,
    ...(query.minMinutes ? { minutes: { $gte: query.minMinutes } } : {}),
    ...(query.excludeSlotIds?.length ? { id: { $nin: query.excludeSlotIds } } : {}),
  };
  // notBefore moves "now" (starts are counted after it); notAfter caps both directions.
  const cap = query.notAfter ? { $lte: query.notAfter } : {};
  const after = query.around > now ? query.around : now;
  const candidatesOf = async (look: number) => {
    const [later, earlier] = await Promise.all([
      em
        .fork()
        .find(
          Slot,
          { ...base, startsAt: { $gte: after, $gt: now, ...cap } },
          { orderBy: { startsAt: 'asc' }, limit: look },
        ),
      query.around > now
        ? em
            .fork()
            .find(
              Slot,
              { ...base, startsAt: { $gt: now, $lt: query.around, ...cap } },
              { orderBy: { startsAt: 'desc' }, limit: look },
            )
        : Promise.resolve([]),
    ]);
    return [...later, ...earlier];
  };
  const byNearness = (slots: Slot[]) =>
    slots
      .sort(
        (a, b) => distance(a, query.around) - distance(b, query.around) || a.startsAt.getTime() - b.startsAt.getTime(),
      )
      .slice(0, limit);
  const nearestStarts = await candidatesOf(limit);
  const needs = query.needs;
  // The `limit` nearest each way are the answer when each fits in its own slot (a service no longer than
  // its slots, no buffers: every refused booking of a one-slot service). Only starts that reach their
  // neighbours may not fit: then look further to still find `limit`, and keep the ones that fit.
  if (!needs || !nearestStarts.some((slot) => spansNeighbours(bookingSpan(slot, needs), slot)))
    return byNearness(nearestStarts);
  return byNearness(await fittingStarts(em, await candidatesOf(limit * CANDIDATES_PER_ALTERNATIVE), needs));
}

/** The doctor's own free slots nearest in time first, then other doctors' nearest, at most `limit` in all. */
export async function findAlternatives(em: EntityManager, query: AlternativesQuery, at = new Date()): Promise<Slot[]> {
  const now =
    query.notBefore && query.notBefore.getTime() - 1 > at.getTime() ? new Date(query.notBefore.getTime() - 1) : at;
  const own = await nearest(em, [query.doctorId], query, query.limit, now);
  const others = [...new Set(query.otherDoctorIds ?? [])].filter((id) => id !== query.doctorId);
  return [...own, ...(await nearest(em, others, query, query.limit - own.length, now))];
}
