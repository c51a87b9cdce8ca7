import { Gender, SealedText } from '@carebook/platform';
import { Entity, Enum, Index, Opt, PrimaryKey, Property } from '@mikro-orm/core';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { NotificationChannel } from './notification-channel.enum';

/**
 * A patient's profile. Its id is the patient's user id in the auth service.
 * Phone, date of birth and medical history are kept only sealed (AES-256-GCM,
 * bound to their row; see domain/sealed-columns); the GraphQL fields for them are field resolvers
 * that open the sealed columns (resolvers/patient.resolver).
 */
@Directive('@key(fields: "id")')
@ObjectType({ description: 'A patient: the profile they keep and, for those allowed, their chart.' })
@Entity({ tableName: 'patients' })
export class Patient {
  @Field(() => ID, { description: "The same id as the patient's user account." })
  @PrimaryKey({ type: 'string', length: 36 })
  id: string;

  // Shareable: the appointment service @provides it on an appointment, to whoever may read that appointment.
  @Directive('@shareable')
  @Field(() => String)
  @Property({ type: 'string', length: 120 })
  name: string;

  @Field(() => String)
  @Property({ type: 'string', length: 254 })
  email: string;

  @Property({ type: 'text', nullable: true, hidden: true })
  phoneSealed: SealedText | null = null;

  /** The phone's blind index (domain/phone-lookup): finds a patient by phone without storing the number in clear. */
  @Index()
  @Property({ type: 'string', length: 80, nullable: true, hidden: true })
  phoneLookup: string | null = null;

  @Property({ type: 'text', nullable: true, hidden: true })
  dateOfBirthSealed: SealedText | null = null;

  @Property({ type: 'text', nullable: true, hidden: true })
  medicalHistorySealed: SealedText | null = null;

  @Field(() => Gender, { nullable: true })
  @Enum({ items: () => Gender, type: 'string', length: 8, nullable: true })
  gender: Gender | null = null;

  @Field(() => [NotificationChannel], {
    description: 'Where appointment confirmations and reminders go; SMS needs a phone number.',
  })
  @Enum({ items: () => NotificationChannel, array: true, type: 'text' })
  notificationChannels: NotificationChannel[] & Opt = [NotificationChannel.EMAIL];

  @Field(() => Date)
  @Property({ type: 'datetime', length: 3 })
  createdAt: Date & Opt = new Date();

  @Field(() => Date)
  @Property({ type: 'datetime', length: 3, onUpdate: () => new Date() })
  updatedAt: Date & Opt = new Date();
}
