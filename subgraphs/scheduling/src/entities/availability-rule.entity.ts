import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Field, Int, ObjectType } from 'type-graphql';
import { DayOfWeek } from './day-of-week.enum';

/** One weekly window of a doctor's hours, in wall-clock time of CLINIC_TIME_ZONE. */
@ObjectType({ description: 'A weekly window in which a doctor takes appointments (clinic time zone).' })
@Entity({ tableName: 'availability_rules' })
@Index({ properties: ['doctorId'] })
export class AvailabilityRule {
  @PrimaryKey({ type: 'string', length: 36 })
  id: string = randomUUID();

  @Property({ type: 'string', length: 36 })
  doctorId: string;

  @Field(() => DayOfWeek)
  @Enum({ items: () => DayOfWeek, type: 'string', length: 16 })
  dayOfWeek: DayOfWeek;

  @Field(() => String, { description: 'HH:MM, clinic time zone.' })
  @Property({ type: 'string', length: 5 })
  startTime: string;

  @Field(() => String, { description: 'HH:MM, clinic time zone.' })
  @Property({ type: 'string', length: 5 })
  endTime: string;

  @Field(() => Int)
  @Property({ type: 'integer' })
  slotMinutes: number;
}
