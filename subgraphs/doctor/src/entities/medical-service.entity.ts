import { DecimalScalar, ServiceCategory } from '@carebook/platform';
import { Entity, Enum, Index, Opt, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';

@Directive('@key(fields: "id")')
@ObjectType('MedicalService', {
  description: 'A service of the catalogue that patients can book: what it is, how long it takes and what it costs.',
})
@Entity({ tableName: 'medical_services' })
@Index({ properties: ['active', 'category'] })
export class MedicalService {
  @Field(() => ID)
  @PrimaryKey({ type: 'string', length: 36 })
  id: string = randomUUID();

  // Shareable: the appointment service @provides it on an appointment, from what it asked this service.
  @Directive('@shareable')
  @Field(() => String)
  @Property({ type: 'string', length: 120, unique: true })
  name: string;

  @Field(() => ServiceCategory)
  @Enum({ items: () => ServiceCategory, type: 'string', length: 32 })
  category: ServiceCategory;

  @Field(() => Int, { description: 'Length of one appointment for this service, in minutes.' })
  @Property({ type: 'integer' })
  durationMinutes: number;

  /**
   * Time the doctor needs before and after each appointment (preparation,
   * cleaning, paperwork): a booking also holds the slots this time touches.
   */
  @Field(() => Int, {
    description:
      'Minutes the doctor needs before each appointment of this service (preparation); a booking also holds them.',
  })
  @Property({ type: 'integer', default: 0 })
  bufferBeforeMinutes: number & Opt = 0;

  @Field(() => Int, {
    description:
      'Minutes the doctor needs after each appointment of this service (cleaning, paperwork); a booking also holds them.',
  })
  @Property({ type: 'integer', default: 0 })
  bufferAfterMinutes: number & Opt = 0;

  /** Kept as a decimal string end to end ("35.00") so money never passes through a float. */
  @Field(() => DecimalScalar)
  @Property({ type: 'decimal', precision: 10, scale: 2 })
  price: string;

  @Field(() => String, { description: 'ISO 4217 code of the price, like EUR.' })
  @Property({ type: 'string', length: 3 })
  currency: string;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  description: string | null = null;

  @Field(() => Boolean, {
    description: 'Inactive services stay readable for past appointments but are no longer offered.',
  })
  @Property({ type: 'boolean' })
  active: boolean & Opt = true;

  @Field(() => Date)
  @Property({ type: 'datetime', length: 3 })
  createdAt: Date & Opt = new Date();

  /**
   * The service's own booking rules, in minutes; null follows the clinic's
   * default (BOOKING_MIN_NOTICE, BOOKING_HORIZON, CANCELLATION_WINDOW).
   * GraphQL shows the rules that apply through `bookingPolicy`.
   */
  @Property({ type: 'integer', nullable: true })
  minNoticeMinutes: (number & Opt) | null = null;

  @Property({ type: 'integer', nullable: true })
  horizonMinutes: (number & Opt) | null = null;

  @Property({ type: 'integer', nullable: true })
  cancellationWindowMinutes: (number & Opt) | null = null;
}
