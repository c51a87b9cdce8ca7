import { DecimalScalar } from '@carebook/platform';
import { Entity, Enum, Index, Opt, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { InvoiceStatus } from './billing-enums';

/**
 * The bill for one appointment. `appointmentId` is unique: whatever the event
 * redelivery or race, an appointment has at most one invoice. Money is an
 * exact decimal string (DECIMAL(10,2) in the store).
 */
@Directive('@key(fields: "id")')
@ObjectType('Invoice', { description: 'The bill for one appointment.' })
@Entity({ tableName: 'invoices' })
@Unique({ properties: ['appointmentId'] })
@Index({ properties: ['patientId', 'issuedAt'] })
// The admin export reads every invoice of a range in (issuedAt, id) order, page by page.
@Index({ properties: ['issuedAt', 'id'] })
export class Invoice {
  @Field(() => ID)
  @PrimaryKey({ type: 'string', length: 36 })
  id: string = randomUUID();

  @Property({ type: 'string', length: 36 })
  appointmentId: string;

  @Property({ type: 'string', length: 36 })
  patientId: string;

  /** The doctor of the appointment, who may see the invoice of their visit. */
  @Property({ type: 'string', length: 36 })
  doctorId: string;

  @Property({ type: 'string', length: 36 })
  serviceId: string;

  @Field(() => InvoiceStatus)
  @Enum({ items: () => InvoiceStatus, type: 'string', length: 16 })
  status: InvoiceStatus & Opt = InvoiceStatus.PENDING;

  @Field(() => DecimalScalar, { description: 'The total to pay, the sum of the lines.' })
  @Property({ type: 'decimal', precision: 10, scale: 2 })
  amount: string;

  @Field(() => String, { description: 'ISO 4217 code, as agreed at booking.' })
  @Property({ type: 'string', length: 3 })
  currency: string;

  /** The lines as JSON text (see invoice-lines.ts); text, not a JSON column, for MariaDB and MySQL alike. */
  @Property({ type: 'text' })
  lines: string;

  @Field(() => Date)
  @Property({ type: 'datetime', length: 3 })
  issuedAt: Date & Opt = new Date();

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', length: 3, nullable: true })
  paidAt: (Date & Opt) | null = null;

  /**
   * The payment attempt that holds the invoice while it talks to the
   * provider; set by one conditional update, so concurrent payments of one
   * invoice charge at most once. Cleared when the attempt ends.
   */
  @Property({ type: 'string', length: 36, nullable: true })
  paymentAttemptId: (string & Opt) | null = null;

  @Property({ type: 'datetime', length: 3, nullable: true })
  paymentAttemptAt: (Date & Opt) | null = null;
}
