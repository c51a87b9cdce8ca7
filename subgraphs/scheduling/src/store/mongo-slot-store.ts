import { DEFAULT_LOCATION_ID } from '@carebook/platform';
import type { EntityManager } from '@mikro-orm/core';
import type { MongoEntityManager } from '@mikro-orm/mongodb';
import type { DayZones } from '../use-cases/day-zones';
import { SlotStatus } from '../entities/slot-status.enum';
import { Slot } from '../entities/slot.entity';
import type { CalendarQuery, CalendarRow, CountQuery, FreeSlotsSide, NewSlot, SlotStore } from './slot-store';

/** One side of the alternatives' search as a filter (the MySQL store's WHERE, written for the ORM). */
function sideFilter(side: FreeSlotsSide) {
  return {
    doctorId: side.doctorIds.length === 1 ? side.doctorIds[0] : { $in: side.doctorIds },
    status: SlotStatus.FREE,
    ...(side.minMinutes ? { minutes: { $gte: side.minMinutes } } : {}),
    ...(side.excludeIds.length ? { id: { $nin: side.excludeIds } } : {}),
    startsAt: {
      $gt: side.after,
      ...(side.from ? { $gte: side.from } : {}),
      ...(side.before ? { $lt: side.before } : {}),
      ...(side.until ? { $lte: side.until } : {}),
    },
  };
}

/** MongoDB groups by local day itself ($dateToString knows IANA zones, and takes the zone as an expression). */
function localDay(zone: unknown) {
  return { $dateToString: { format: '%Y-%m-%d', date: '$startsAt', timezone: zone } };
}

/** Each slot's location's zone; documents of other locations, or with none (written before locations), the fallback's. */
function locationZone(zones: DayZones) {
  if (zones.others.length === 0) return zones.fallback;
  return {
    $switch: {
      branches: zones.others.map((group) => ({ case: { $in: ['$locationId', group.locationIds] }, then: group.zone })),
      default: zones.fallback,
    },
  };
}

/** The driver's session of the surrounding transaction, as the collection's bulkWrite takes it. */
type MongoSession = NonNullable<
  NonNullable<Parameters<ReturnType<MongoEntityManager['getCollection']>['bulkWrite']>[1]>['session']
>;

export const mongoSlotStore: SlotStore = {
  freeSlots: (em, sides) =>
    Promise.all(
      sides.map((side) =>
        em.fork().find(Slot, sideFilter(side), { orderBy: { startsAt: side.order }, limit: side.limit }),
      ),
    ),

  async insertIgnoringExisting(em: EntityManager, slots: NewSlot[]) {
    if (slots.length === 0) return;
    const mongo = em as unknown as MongoEntityManager;
    // An upsert that only sets on insert: an existing (doctor, start) is left alone without a
    // duplicate-key error, which would abort the surrounding transaction.
    await mongo.getCollection(Slot).bulkWrite(
      slots.map(({ id, ...slot }) => ({
        updateOne: {
          filter: { doctorId: slot.doctorId, startsAt: slot.startsAt },
          update: { $setOnInsert: { _id: id, ...slot } },
          upsert: true,
        },
      })),
      { ordered: false, session: mongo.getTransactionContext<MongoSession>() },
    );
  },

  // MongoDB has no row locks: the transaction reads a snapshot, and a booking that changes one of these
  // slots before the caller's commit makes one of the two writes fail with a write conflict, so one wins.
  slotsForUpdate: (em, doctorIds, from, to) =>
    em.find(
      Slot,
      { doctorId: { $in: doctorIds }, startsAt: { $lt: to }, endsAt: { $gt: from } },
      { orderBy: { doctorId: 'asc', startsAt: 'asc' } },
    ),

  async calendar(em: EntityManager, query: CalendarQuery): Promise<CalendarRow[]> {
    if (query.doctorIds?.length === 0) return [];
    const match: Record<string, unknown> = {
      status: 'FREE',
      startsAt: { $gte: query.from, $lt: query.to, $gt: query.now },
    };
    if (query.doctorIds) match.doctorId = { $in: query.doctorIds };
    const rows = (await (em as unknown as MongoEntityManager).aggregate(Slot, [
      { $match: match },
      { $sort: { startsAt: 1 } },
      {
        $group: {
          _id: { doctorId: '$doctorId', day: localDay(locationZone(query.zones)) },
          freeSlots: { $sum: 1 },
          firstId: { $first: '$_id' },
          firstStartsAt: { $first: '$startsAt' },
          firstEndsAt: { $first: '$endsAt' },
          firstLocationId: { $first: '$locationId' },
        },
      },
    ])) as Array<{
      _id: { doctorId: string; day: string };
      freeSlots: number;
      firstId: unknown;
      firstStartsAt: Date;
      firstEndsAt: Date;
      firstLocationId?: string;
    }>;
    return rows.map((row) => ({
      day: row._id.day,
      doctorId: row._id.doctorId,
      freeSlots: row.freeSlots,
      // Documents from before locations have none: the default location's.
      first: {
        id: String(row.firstId),
        startsAt: new Date(row.firstStartsAt),
        endsAt: new Date(row.firstEndsAt),
        locationId: row.firstLocationId ?? DEFAULT_LOCATION_ID,
      },
    }));
  },

  async dailyCounts(em: EntityManager, query: CountQuery) {
    const match: Record<string, unknown> = {
      startsAt: { $gte: query.from, $lt: query.to },
      status: { $in: ['FREE', 'BOOKED', 'HELD'] },
    };
    if (query.doctorId) match.doctorId = query.doctorId;
    const rows = (await (em as unknown as MongoEntityManager).aggregate(Slot, [
      { $match: match },
      {
        $group: {
          _id: localDay(query.zone),
          free: { $sum: { $cond: [{ $eq: ['$status', 'FREE'] }, 1, 0] } },
          booked: { $sum: { $cond: [{ $eq: ['$status', 'FREE'] }, 0, 1] } },
        },
      },
    ])) as Array<{ _id: string; free: number; booked: number }>;
    return rows.map((row) => ({ day: row._id, free: row.free, booked: row.booked }));
  },
};
