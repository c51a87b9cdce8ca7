import { EntityManager, LockMode } from '@mikro-orm/core';
import type { EntityManager as SqlEntityManager } from '@mikro-orm/mysql';
import type { DayZones } from '../use-cases/day-zones';
import { offsetSegments } from '../domain/zone-offsets';
import { Slot } from '../entities/slot.entity';
import type { CalendarQuery, CalendarRow, CountQuery, FreeSlot, FreeSlotsSide, NewSlot, SlotStore } from './slot-store';

const INSERT_CHUNK = 500;
const STAMP = "'%Y-%m-%d %H:%i:%s.%f'";

/**
 * The zone's UTC offset at `starts_at` as SQL, per stretch of the range
 * (computed in JS, so MariaDB needs no time-zone tables), one CASE per row.
 */
function offsetSql(zone: string, from: Date, to: Date): { sql: string; params: unknown[] } {
  const segments = offsetSegments(zone, from, to);
  const params: unknown[] = [];
  let offset = '?';
  if (segments.length === 1) params.push(segments[0].offsetMinutes);
  else {
    offset = 'case';
    for (const segment of segments) {
      if (segment.until) {
        offset += ' when s.starts_at < ? then ?';
        params.push(segment.until, segment.offsetMinutes);
      } else {
        offset += ' else ? end';
        params.push(segment.offsetMinutes);
      }
    }
  }
  return { sql: offset, params };
}

/** The local day of `starts_at` in one zone for every row. */
function localDaySql(zone: string, from: Date, to: Date): { sql: string; params: unknown[] } {
  return dayNumberSql(offsetSql(zone, from, to));
}

/** The local day of `starts_at` on the clock of each row's location (the fallback zone for the rest). */
function locatedDaySql(zones: DayZones, from: Date, to: Date): { sql: string; params: unknown[] } {
  const fallback = offsetSql(zones.fallback, from, to);
  if (zones.others.length === 0) return dayNumberSql(fallback);
  let sql = 'case';
  const params: unknown[] = [];
  for (const group of zones.others) {
    const offset = offsetSql(group.zone, from, to);
    sql += ` when s.location_id in (${inList(group.locationIds)}) then ${offset.sql}`;
    params.push(...group.locationIds, ...offset.params);
  }
  sql += ` else ${fallback.sql} end`;
  params.push(...fallback.params);
  return dayNumberSql({ sql, params });
}

// An integer day number groups faster than a formatted string; dayOf() turns it back into a date.
function dayNumberSql(offset: { sql: string; params: unknown[] }): { sql: string; params: unknown[] } {
  return { sql: `to_days(date_add(s.starts_at, interval ${offset.sql} minute))`, params: offset.params };
}

/** TO_DAYS('1970-01-01'). */
const UNIX_EPOCH_DAYS = 719_528;

function dayOf(dayNumber: number | string): string {
  return new Date((Number(dayNumber) - UNIX_EPOCH_DAYS) * 86_400_000).toISOString().slice(0, 10);
}

function utc(stamp: string): Date {
  return new Date(`${stamp.replace(' ', 'T')}Z`);
}

function inList(values: string[]): string {
  return values.map(() => '?').join(', ');
}

/** One side of the alternatives' search as a parenthesised SELECT (on the (doctor, status, start) index), tagged `side`. */
function sideSql(side: FreeSlotsSide, index: number): { sql: string; params: unknown[] } {
  const params: unknown[] = [index, ...side.doctorIds, side.after];
  const conditions = [`s.doctor_id in (${inList(side.doctorIds)})`, "s.status = 'FREE'", 's.starts_at > ?'];
  const bound = (condition: string, ...values: unknown[]) => {
    conditions.push(condition);
    params.push(...values);
  };
  if (side.from) bound('s.starts_at >= ?', side.from);
  if (side.before) bound('s.starts_at < ?', side.before);
  if (side.until) bound('s.starts_at <= ?', side.until);
  if (side.minMinutes) bound('s.minutes >= ?', side.minMinutes);
  if (side.excludeIds.length) bound(`s.id not in (${inList(side.excludeIds)})`, ...side.excludeIds);
  const where = conditions.join(' and ');
  params.push(side.limit);
  return {
    sql: `(select ? as side, s.id, s.doctor_id, s.location_id, date_format(s.starts_at, ${STAMP}) as starts_at,
        date_format(s.ends_at, ${STAMP}) as ends_at, s.minutes, s.status, s.appointment_id
      from slots s where ${where} order by s.starts_at ${side.order === 'asc' ? 'asc' : 'desc'} limit ?)`,
    params,
  };
}

export const mysqlSlotStore: SlotStore = {
  // The sides in one statement: a refused booking's alternatives cost one round trip, not one query per side.
  async freeSlots(em: EntityManager, sides: FreeSlotsSide[]): Promise<FreeSlot[][]> {
    const parts = sides.map(sideSql).filter((_, i) => sides[i].doctorIds.length > 0);
    const bySide: FreeSlot[][] = sides.map(() => []);
    if (parts.length === 0) return bySide;
    const rows: Array<{
      side: number | string;
      id: string;
      doctor_id: string;
      location_id: string;
      starts_at: string;
      ends_at: string;
      minutes: number;
      status: FreeSlot['status'];
      appointment_id: string | null;
    }> = await (em as SqlEntityManager).execute(
      parts.map((part) => part.sql).join(' union all '),
      parts.flatMap((part) => part.params),
    );
    for (const row of rows)
      bySide[Number(row.side)].push({
        id: row.id,
        doctorId: row.doctor_id,
        locationId: row.location_id,
        startsAt: utc(row.starts_at),
        endsAt: utc(row.ends_at),
        minutes: Number(row.minutes),
        status: row.status,
        appointmentId: row.appointment_id,
      });
    // SQL promises no order across a union: each side is put back in its own.
    sides.forEach((side, i) =>
      bySide[i].sort((a, b) => (a.startsAt.getTime() - b.startsAt.getTime()) * (side.order === 'asc' ? 1 : -1)),
    );
    return bySide;
  },

  async insertIgnoringExisting(em: EntityManager, slots: NewSlot[]) {
    for (let i = 0; i < slots.length; i += INSERT_CHUNK) {
      await (em as SqlEntityManager)
        .createQueryBuilder(Slot)
        .insert(slots.slice(i, i + INSERT_CHUNK))
        .onConflict(['doctorId', 'startsAt'])
        .ignore()
        .execute();
    }
  },

  // SELECT ... FOR UPDATE: a locking read sees the latest committed rows (not the transaction's
  // snapshot) and holds them, so a booking's conditional update waits and then finds them BLOCKED.
  slotsForUpdate: (em, doctorIds, from, to) =>
    em.find(
      Slot,
      { doctorId: { $in: doctorIds }, startsAt: { $lt: to }, endsAt: { $gt: from } },
      { orderBy: { doctorId: 'asc', startsAt: 'asc' }, lockMode: LockMode.PESSIMISTIC_WRITE },
    ),

  async calendar(em: EntityManager, query: CalendarQuery): Promise<CalendarRow[]> {
    if (query.doctorIds?.length === 0) return [];
    const day = locatedDaySql(query.zones, query.from, query.to);
    const params: unknown[] = [...day.params, query.from, query.to, query.now];
    let where = "s.status = 'FREE' and s.starts_at >= ? and s.starts_at < ? and s.starts_at > ?";
    if (query.doctorIds) {
      where += ` and s.doctor_id in (${inList(query.doctorIds)})`;
      params.push(...query.doctorIds);
    }
    // Slot starts are unique per doctor, so (doctor, earliest start) finds the first slot through the unique key.
    const rows: Array<{
      day: number;
      doctor_id: string;
      free_slots: number | string;
      first_id: string;
      first_starts_at: string;
      first_ends_at: string;
      first_location_id: string;
    }> = await (em as SqlEntityManager).execute(
      `select g.day, g.doctor_id, g.free_slots, f.id as first_id, f.location_id as first_location_id,
         date_format(f.starts_at, ${STAMP}) as first_starts_at, date_format(f.ends_at, ${STAMP}) as first_ends_at
       from (
         select ${day.sql} as day, s.doctor_id, count(*) as free_slots, min(s.starts_at) as first_start
         from slots s where ${where}
         group by day, s.doctor_id
       ) g
       join slots f on f.doctor_id = g.doctor_id and f.starts_at = g.first_start`,
      params,
    );
    return rows.map((row) => ({
      day: dayOf(row.day),
      doctorId: row.doctor_id,
      freeSlots: Number(row.free_slots),
      first: {
        id: row.first_id,
        startsAt: utc(row.first_starts_at),
        endsAt: utc(row.first_ends_at),
        locationId: row.first_location_id,
      },
    }));
  },

  async dailyCounts(em: EntityManager, query: CountQuery) {
    const day = localDaySql(query.zone, query.from, query.to);
    const params: unknown[] = [...day.params, query.from, query.to];
    let where = "s.starts_at >= ? and s.starts_at < ? and s.status in ('FREE', 'BOOKED', 'HELD')";
    if (query.doctorId) {
      where += ' and s.doctor_id = ?';
      params.push(query.doctorId);
    }
    const rows: Array<{ day: number; free: number | string; booked: number | string }> = await (
      em as SqlEntityManager
    ).execute(
      `select ${day.sql} as day, sum(s.status = 'FREE') as free, sum(s.status <> 'FREE') as booked
       from slots s where ${where} group by day`,
      params,
    );
    return rows.map((row) => ({ day: dayOf(row.day), free: Number(row.free), booked: Number(row.booked) }));
  },
};
