import { Entity, Opt, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * A place of the clinic where doctors see patients, with its own time zone:
 * doctors' hours belong to a location, and every time shown for them is in
 * its zone. The default location (id "default") exists from the first start
 * and keeps CLINIC_TIME_ZONE, so a single-site clinic changes nothing.
 */
@Directive('@key(fields: "id")')
@ObjectType('Location', {
  description: 'A place of the clinic where doctors see patients; times there are shown in its time zone.',
})
@Entity({ tableName: 'locations' })
export class Location {
  @Field(() => ID)
  @PrimaryKey({ type: 'string', length: 36 })
  id: string = randomUUID();

  // Shareable: the appointment service @provides it on an appointment, from what it asked this service.
  @Directive('@shareable')
  @Field(() => String)
  @Property({ type: 'string', length: 120, unique: true })
  name: string;

  @Directive('@shareable')
  @Field(() => String, {
    description: 'Street address as patients should read it (shown in confirmations and calendar files).',
  })
  @Property({ type: 'string', length: 300 })
  address: string;

  @Field(() => String, {
    description:
      'IANA time zone (e.g. Europe/Berlin): hours there are wall-clock times in it, and times are shown in it.',
  })
  @Property({ type: 'string', length: 64 })
  timeZone: string;

  @Field(() => Boolean, { description: 'Inactive locations take no new hours; hours and bookings there stay.' })
  @Property({ type: 'boolean' })
  active: boolean & Opt = true;

  @Field(() => Boolean, {
    description: 'The location hours without a location belong to; its zone is CLINIC_TIME_ZONE.',
  })
  @Property({ type: 'boolean' })
  isDefault: boolean & Opt = false;

  @Property({ type: 'datetime', length: 3 })
  createdAt: Date & Opt = new Date();
}
