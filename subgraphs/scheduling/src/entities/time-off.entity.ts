import { Entity, Index, Opt, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Field, ID, ObjectType } from 'type-graphql';

/** A period a doctor does not work; slots inside it are BLOCKED, also those opened later. */
@ObjectType({
  description:
    'A period a doctor does not work (or the clinic is closed): no slot in it can be booked. Removable by its id.',
})
@Entity({ tableName: 'time_offs' })
@Index({ properties: ['doctorId', 'startsAt'] })
export class TimeOff {
  @Field(() => ID)
  @PrimaryKey({ type: 'string', length: 36 })
  id: string = randomUUID();

  @Property({ type: 'string', length: 36 })
  doctorId: string;

  /** Null: the doctor is away everywhere. A location's closure: only the doctor's hours there are blocked. */
  @Property({ type: 'string', length: 36, nullable: true })
  locationId: string | null = null;

  @Field(() => Date)
  @Property({ type: 'datetime', length: 3 })
  startsAt: Date;

  @Field(() => Date)
  @Property({ type: 'datetime', length: 3 })
  endsAt: Date;

  @Field(() => String, { nullable: true, description: "The staff's note; patients never see it." })
  @Property({ type: 'string', length: 500, nullable: true })
  reason: string | null = null;

  @Property({ type: 'datetime', length: 3 })
  createdAt: Date & Opt = new Date();
}
