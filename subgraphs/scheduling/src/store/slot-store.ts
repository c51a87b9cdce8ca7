import type { EntityManager } from '@mikro-orm/core';
import type { DayZones } from '../use-cases/day-zones';
import type { DayCount } from '../domain/periods';
import type { SlotStatus } from '../entities/slot-status.enum';
import type { Slot } from '../entities/slot.entity';

/** A slot row as written by slot opening. */
export interface NewSlot {
  id: string;
  doctorId: string;
  locationId: string;
  startsAt: Date;
  endsAt: Date;
  minutes: number;
  status: SlotStatus;
  appointmentId: null;
  createdAt: Date;
}

export interface CalendarQuery {
  /** Start of the first local day and end of the last (exclusive), in the zone whose days start first and last. */
  from: Date;
  to: Date;
  now: Date;
  /** Each slot's day is its location's date. */
  zones: DayZones;
  doctorIds?: string[];
}

/** Per local day (each slot's location's date) and doctor: the free future slots and the earliest of them. */
export interface CalendarRow {
  day: string;
  doctorId: string;
  freeSlots: number;
  /** The day's first free slot, with its location (its time is shown in that location's zone). */
  first: { id: string; startsAt: Date; endsAt: Date; locationId: string };
}

/** A slot as the alternatives' search reads it (a plain row, not a managed entity). */
export type FreeSlot = Pick<
  Slot,
  'id' | 'doctorId' | 'locationId' | 'startsAt' | 'endsAt' | 'minutes' | 'status' | 'appointmentId'
>;

/** FREE slots of some doctors on one side of a time, nearest to it first: one side of the alternatives' search. */
export interface FreeSlotsSide {
  doctorIds: string[];
  excludeIds: string[];
  minMinutes?: number;
  /** Starts strictly after. */
  after: Date;
  /** Starts at or after. */
  from?: Date;
  /** Starts strictly before. */
  before?: Date;
  /** Starts at or before. */
  until?: Date;
  order: 'asc' | 'desc';
  limit: number;
}

export interface CountQuery {
  from: Date;
  to: Date;
  zone: string;
  doctorId?: string;
}

/**
 * What differs between MySQL and MongoDB: inserting while skipping slots that
 * already exist, and the grouped counts by local day. One query each.
 */
export interface SlotStore {
  insertIgnoringExisting(em: EntityManager, slots: NewSlot[]): Promise<void>;
  /**
   * The doctors' slots overlapping [from, to), read inside the caller's
   * transaction so that no booking can change them until it commits.
   */
  slotsForUpdate(em: EntityManager, doctorIds: string[], from: Date, to: Date): Promise<Slot[]>;
  calendar(em: EntityManager, query: CalendarQuery): Promise<CalendarRow[]>;
  /** Each side's slots, read together (MySQL: one statement), in the order the sides are given. */
  freeSlots(em: EntityManager, sides: FreeSlotsSide[]): Promise<FreeSlot[][]>;
  /** FREE and BOOKED (or HELD) slots per local day with a start in [from, to). */
  dailyCounts(em: EntityManager, query: CountQuery): Promise<DayCount[]>;
}
