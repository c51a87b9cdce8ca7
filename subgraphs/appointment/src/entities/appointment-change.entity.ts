import type { SealedText } from '@carebook/platform';
import { Entity, Enum, Index, Opt, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Field, ID, ObjectType } from 'type-graphql';
import { AppointmentStatus } from './appointment-status.enum';

/** One step in an appointment's life: who moved it from which status to which, and why. */
@ObjectType('AppointmentChange', { description: 'A change to an appointment, oldest first in history.' })
@Entity({ tableName: 'appointment_changes' })
@Index({ properties: ['appointmentId', 'at'] })
export class AppointmentChange {
  @PrimaryKey({ type: 'string', length: 36 })
  id: string = randomUUID();

  @Property({ type: 'string', length: 36 })
  appointmentId: string;

  @Field(() => Date)
  @Property({ type: 'datetime', length: 3 })
  at: Date & Opt = new Date();

  /** The user who made the change; null for the system (the reconciler). */
  @Field(() => ID, { nullable: true })
  @Property({ type: 'string', length: 36, nullable: true })
  byUserId: string | null;

  @Field(() => AppointmentStatus, { nullable: true })
  @Enum({ items: () => AppointmentStatus, type: 'string', length: 16, nullable: true })
  fromStatus: AppointmentStatus | null;

  @Field(() => AppointmentStatus)
  @Enum({ items: () => AppointmentStatus, type: 'string', length: 16 })
  toStatus: AppointmentStatus;

  /** Why, sealed (a cancellation reason is copied here); the GraphQL field `note` opens it. */
  @Property({ type: 'text', nullable: true })
  note: SealedText | null = null;
}
