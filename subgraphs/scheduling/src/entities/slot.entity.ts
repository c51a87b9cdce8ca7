import { DEFAULT_LOCATION_ID } from '@carebook/platform';
import { Entity, Enum, Index, Opt, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { SlotStatus } from './slot-status.enum';

/**
 * A bookable period of one doctor, in UTC. The unique (doctor, start) key
 * makes slot opening idempotent; booking is a conditional update on status.
 */
@Directive('@key(fields: "id")')
@ObjectType({ description: "A period of a doctor's time that can be booked." })
@Entity({ tableName: 'slots' })
@Unique({ properties: ['doctorId', 'startsAt'] })
@Index({ properties: ['doctorId', 'status', 'startsAt'] })
@Index({ properties: ['status', 'startsAt'] })
@Index({ properties: ['appointmentId'] })
@Index({ properties: ['locationId', 'startsAt'] })
export class Slot {
  @Field(() => ID)
  @PrimaryKey({ type: 'string', length: 36 })
  id: string = randomUUID();

  @Property({ type: 'string', length: 36 })
  doctorId: string;

  /** The location whose hours gave the slot (its times are shown in that zone); "default" for hours set before locations existed. */
  @Property({ type: 'string', length: 36, default: DEFAULT_LOCATION_ID })
  locationId: string & Opt = DEFAULT_LOCATION_ID;

  // Shareable (with endsAt, timeZone, location, doctor): appointment @provides them on a refused booking's alternatives.
  @Directive('@shareable')
  @Field(() => Date)
  @Property({ type: 'datetime', length: 3 })
  startsAt: Date;

  @Directive('@shareable')
  @Field(() => Date)
  @Property({ type: 'datetime', length: 3 })
  endsAt: Date;

  /** endsAt - startsAt, stored so "long enough for this service" is a plain filter. */
  @Property({ type: 'integer' })
  minutes: number;

  @Field(() => SlotStatus)
  @Enum({ items: () => SlotStatus, type: 'string', length: 16 })
  status: SlotStatus & Opt = SlotStatus.FREE;

  @Property({ type: 'string', length: 36, nullable: true })
  appointmentId: (string & Opt) | null = null;

  @Property({ type: 'datetime', length: 3 })
  createdAt: Date & Opt = new Date();
}
