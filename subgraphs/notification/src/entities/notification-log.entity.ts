import { NotificationChannel, Role } from '@carebook/platform';
import { Entity, Enum, Index, Opt, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Authorized, Field, ID, Int, ObjectType } from 'type-graphql';
import { NotificationKind, NotificationRecipient, NotificationStatus } from './notification-enums';

/**
 * One notice on one channel to one person: the record that it was (or will
 * be) sent. The unique key is also the send claim: however often a job runs,
 * one row exists per notice, and only the try that moves it to SENDING sends.
 * `occurrence` tells repeated notices of one kind apart: the event id for
 * event notices (a second reschedule is a new notice), the appointment's start
 * for reminders (a moved appointment gets its reminders again). Ids and times
 * only: addresses and phone numbers are looked up at send time, never stored.
 */
@ObjectType('Notification', { description: 'An email or SMS about an appointment, and whether it went out.' })
@Entity({ tableName: 'notification_logs' })
@Unique({ properties: ['appointmentId', 'kind', 'recipient', 'channel', 'offset', 'occurrence'] })
@Index({ properties: ['recipientId', 'createdAt'] })
@Index({ properties: ['status', 'scheduledFor'] })
export class NotificationLog {
  @Field(() => ID)
  @PrimaryKey({ type: 'string', length: 36 })
  id: string & Opt = randomUUID();

  @Field(() => ID)
  @Property({ type: 'string', length: 36 })
  appointmentId: string;

  @Field(() => NotificationKind)
  @Enum({ items: () => NotificationKind, type: 'string', length: 20 })
  kind: NotificationKind;

  @Field(() => NotificationChannel)
  @Enum({ items: () => NotificationChannel, type: 'string', length: 8 })
  channel: NotificationChannel;

  @Field(() => NotificationRecipient)
  @Enum({ items: () => NotificationRecipient, type: 'string', length: 8 })
  recipient: NotificationRecipient;

  @Field(() => ID, { description: 'The user id of the patient or doctor it is for.' })
  @Property({ type: 'string', length: 36 })
  recipientId: string;

  /** For reminders, how long before the appointment (`24h`); empty otherwise (an empty string, not NULL, keeps the unique key strict). */
  @Property({ type: 'string', length: 16, fieldName: 'reminder_offset' })
  offset: string & Opt = '';

  @Property({ type: 'string', length: 64 })
  occurrence: string;

  @Field(() => NotificationStatus)
  @Enum({ items: () => NotificationStatus, type: 'string', length: 8 })
  status: NotificationStatus & Opt = NotificationStatus.QUEUED;

  @Field(() => Int, { description: 'Tries so far.' })
  @Property({ type: 'integer' })
  attempts: number & Opt = 0;

  @Field(() => Date, { description: 'When it is (or was) due to go out.' })
  @Property({ type: 'datetime', length: 3 })
  scheduledFor: Date;

  @Property({ type: 'datetime', length: 3, nullable: true })
  claimedAt: Date | null = null;

  /** Which try holds the claim: only it may complete, fail or finish the send. */
  @Property({ type: 'string', length: 36, nullable: true })
  claimToken: string | null = null;

  /**
   * Set once the whole message is with the SMTP server and only its final
   * "." is still to go: a claim without it was never completed (the server
   * drops a message cut off mid-DATA), so it can safely be sent again.
   */
  @Property({ type: 'datetime', length: 3, nullable: true })
  handedOverAt: Date | null = null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', length: 3, nullable: true })
  sentAt: Date | null = null;

  @Authorized(Role.ADMIN)
  @Field(() => String, { nullable: true, description: 'Why the last try failed, or why it was skipped (admins only).' })
  @Property({ type: 'string', length: 500, nullable: true })
  lastError: string | null = null;

  @Field(() => Date)
  @Property({ type: 'datetime', length: 3 })
  createdAt: Date & Opt = new Date();

  @Property({ type: 'datetime', length: 3, onUpdate: () => new Date() })
  updatedAt: Date & Opt = new Date();
}
