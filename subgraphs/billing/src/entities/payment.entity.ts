import { DecimalScalar } from '@carebook/platform';
import { Entity, Enum, Index, Opt, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Field, ID, ObjectType } from 'type-graphql';
import { PaymentMethod, PaymentStatus } from './billing-enums';

/** One attempt to pay an invoice: by card through the provider, or cash/insurance recorded by an admin. */
@ObjectType('Payment', { description: 'One attempt to pay an invoice, successful or declined.' })
@Entity({ tableName: 'payments' })
@Index({ properties: ['invoiceId', 'createdAt'] })
export class Payment {
  @Field(() => ID)
  @PrimaryKey({ type: 'string', length: 36 })
  id: string = randomUUID();

  @Property({ type: 'string', length: 36 })
  invoiceId: string;

  @Field(() => PaymentMethod)
  @Enum({ items: () => PaymentMethod, type: 'string', length: 16 })
  method: PaymentMethod;

  @Field(() => PaymentStatus)
  @Enum({ items: () => PaymentStatus, type: 'string', length: 16 })
  status: PaymentStatus;

  @Field(() => DecimalScalar)
  @Property({ type: 'decimal', precision: 10, scale: 2 })
  amount: string;

  @Field(() => String)
  @Property({ type: 'string', length: 3 })
  currency: string;

  /** The provider's reference for a card charge (never the card token). */
  @Property({ type: 'string', length: 100, nullable: true })
  providerReference: string | null = null;

  @Field(() => String, { nullable: true, description: 'Why a payment was declined.' })
  @Property({ type: 'string', length: 300, nullable: true })
  failureReason: string | null = null;

  /** The user who paid (the patient) or recorded the payment (an admin). */
  @Property({ type: 'string', length: 36 })
  recordedBy: string;

  @Field(() => Date)
  @Property({ type: 'datetime', length: 3 })
  createdAt: Date & Opt = new Date();
}
