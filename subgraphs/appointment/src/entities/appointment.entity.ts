import { DecimalScalar, SealedText } from '@carebook/platform';
import { Entity, Enum, Index, Opt, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { AppointmentStatus } from './appointment-status.enum';

/**
 * A patient's booking of one slot for one medical service. Price and currency
 * are copied from the service at booking time, so later price changes do not
 * rewrite what the patient agreed to.
 */
@Directive('@key(fields: "id")')
@ObjectType('Appointment', { description: 'A booked visit: who, with which doctor, for which service, when.' })
@Entity({ tableName: 'appointments' })
@Index({ properties: ['patientId', 'startsAt'] })
@Index({ properties: ['doctorId', 'startsAt'] })
@Index({ properties: ['slotId'] })
@Index({ properties: ['status', 'createdAt'] })
@Index({ properties: ['slotCheckDueAt'] })
// The admin export reads every appointment of a range in (startsAt, id) order, page by page.
@Index({ properties: ['startsAt', 'id'] })
export class Appointment {
  @Field(() => ID)
  @PrimaryKey({ type: 'string', length: 36 })
  id: string = randomUUID();

  @Property({ type: 'string', length: 36 })
  patientId: string;

  @Property({ type: 'string', length: 36 })
  doctorId: string;

  @Property({ type: 'string', length: 36 })
  serviceId: string;

  @Property({ type: 'string', length: 36 })
  slotId: string;

  @Field(() => Date)
  @Property({ type: 'datetime', length: 3 })
  startsAt: Date;

  @Field(() => Date)
  @Property({ type: 'datetime', length: 3 })
  endsAt: Date;

  /**
   * The doctor's time this appointment holds: [startsAt, endsAt) and the
   * service's buffers around it, as booked (later buffer changes do not move
   * it). Every slot of the doctor touching it is this appointment's; null on
   * appointments booked before buffers existed (they hold [startsAt, endsAt)).
   */
  @Property({ type: 'datetime', length: 3, nullable: true })
  heldFrom: (Date & Opt) | null = null;

  @Property({ type: 'datetime', length: 3, nullable: true })
  heldUntil: (Date & Opt) | null = null;

  /**
   * Where it takes place and the zone its times are shown in, copied from the
   * slot at booking (like the price) and on every move. Null on appointments
   * booked before locations existed: the default location, CLINIC_TIME_ZONE.
   */
  @Property({ type: 'string', length: 36, nullable: true })
  locationId: (string & Opt) | null = null;

  @Property({ type: 'string', length: 64, nullable: true })
  timeZone: (string & Opt) | null = null;

  @Property({ type: 'string', length: 120, nullable: true })
  locationName: (string & Opt) | null = null;

  @Property({ type: 'string', length: 300, nullable: true })
  locationAddress: (string & Opt) | null = null;

  @Field(() => AppointmentStatus)
  @Enum({ items: () => AppointmentStatus, type: 'string', length: 16 })
  status: AppointmentStatus;

  /** Why the patient booked, sealed (domain/sealed-columns); the GraphQL field `reason` opens it. */
  @Property({ type: 'text', nullable: true })
  reason: SealedText | null = null;

  /** Sealed; the GraphQL field `cancellationReason` opens it. */
  @Property({ type: 'text', nullable: true })
  cancellationReason: (SealedText & Opt) | null = null;

  @Field(() => DecimalScalar)
  @Property({ type: 'decimal', precision: 10, scale: 2 })
  price: string;

  @Field(() => String)
  @Property({ type: 'string', length: 3 })
  currency: string;

  /** Notes the doctor left when completing the visit, sealed (not exposed: medical content). */
  @Property({ type: 'text', nullable: true })
  completionNotes: (SealedText & Opt) | null = null;

  /**
   * When the patient cancelled or moved it inside the service's cancellation
   * window (the first time); null otherwise. Billing adds LATE_CANCEL_FEE for
   * it when the appointment closes. GraphQL shows `lateCancellation`.
   */
  @Property({ type: 'datetime', length: 3, nullable: true })
  lateCancelledAt: (Date & Opt) | null = null;

  /**
   * Set while a slot change (reschedule, cancel) may have left a slot booked
   * for this appointment that it no longer holds; the reconciler releases such
   * slots after this instant and clears it.
   */
  @Property({ type: 'datetime', length: 3, nullable: true })
  slotCheckDueAt: (Date & Opt) | null = null;

  @Field(() => Date)
  @Property({ type: 'datetime', length: 3 })
  createdAt: Date & Opt = new Date();

  @Field(() => Date)
  @Property({ type: 'datetime', length: 3, onUpdate: () => new Date() })
  updatedAt: Date & Opt = new Date();
}
