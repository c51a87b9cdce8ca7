import { DEFAULT_LOCATION_ID } from '@carebook/platform';
import { Entity, Enum, Index, Opt, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Field, Int, ObjectType } from 'type-graphql';
import { DayOfWeek } from './day-of-week.enum';

/** One weekly window of a doctor's hours at one location, in wall-clock time of that location's zone. */
@ObjectType({
  description: 'A weekly window in which a doctor takes appointments at a location (wall-clock time in its zone).',
})
@Entity({ tableName: 'availability_rules' })
@Index({ properties: ['doctorId'] })
export class AvailabilityRule {
  @PrimaryKey({ type: 'string', length: 36 })
  id: string = randomUUID();

  @Property({ type: 'string', length: 36 })
  doctorId: string;

  /** The location whose hours these are (its zone is the wall clock); "default" for hours set before locations existed. */
  @Property({ type: 'string', length: 36, default: DEFAULT_LOCATION_ID })
  locationId: string & Opt = DEFAULT_LOCATION_ID;

  @Field(() => DayOfWeek)
  @Enum({ items: () => DayOfWeek, type: 'string', length: 16 })
  dayOfWeek: DayOfWeek;

  @Field(() => String, { description: "HH:MM, in the location's time zone." })
  @Property({ type: 'string', length: 5 })
  startTime: string;

  @Field(() => String, { description: "HH:MM, in the location's time zone." })
  @Property({ type: 'string', length: 5 })
  endTime: string;

  @Field(() => Int)
  @Property({ type: 'integer' })
  slotMinutes: number;
}
