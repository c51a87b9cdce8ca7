import { CalendarDateScalar, DEFAULT_LOCATION_ID } from '@carebook/platform';
import { Entity, Index, Opt, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Field, ID, Int, ObjectType } from 'type-graphql';

/**
 * A single day of extra hours. Kept so that replacing the weekly rules does
 * not withdraw the free slots it opened.
 */
@ObjectType('OneOffAvailability', {
  description:
    'Extra hours on one day at a location (wall-clock time in its zone), added with addAvailability; removable by its id.',
})
@Entity({ tableName: 'one_off_availabilities' })
@Index({ properties: ['doctorId', 'date'] })
export class OneOffAvailability {
  @Field(() => ID)
  @PrimaryKey({ type: 'string', length: 36 })
  id: string = randomUUID();

  @Property({ type: 'string', length: 36 })
  doctorId: string;

  /** The location whose hours these are (its zone is the wall clock); "default" for hours set before locations existed. */
  @Property({ type: 'string', length: 36, default: DEFAULT_LOCATION_ID })
  locationId: string & Opt = DEFAULT_LOCATION_ID;

  /** YYYY-MM-DD in the location's time zone. */
  @Field(() => CalendarDateScalar)
  @Property({ type: 'string', length: 10 })
  date: string;

  @Field(() => String, { description: "HH:MM, in the location's time zone." })
  @Property({ type: 'string', length: 5 })
  startTime: string;

  @Field(() => String, { description: "HH:MM, in the location's time zone." })
  @Property({ type: 'string', length: 5 })
  endTime: string;

  @Field(() => Int)
  @Property({ type: 'integer' })
  slotMinutes: number;

  @Property({ type: 'datetime', length: 3 })
  createdAt: Date & Opt = new Date();
}
