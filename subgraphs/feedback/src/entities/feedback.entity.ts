import type { SealedText } from '@carebook/platform';
import { Entity, Index, Opt, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Field, ID, Int, ObjectType } from 'type-graphql';

/** A patient's rating of one completed appointment; at most one per appointment (unique). */
@ObjectType('Feedback', { description: "A patient's rating (1-5) and comment on a completed appointment." })
@Entity({ tableName: 'feedback' })
@Unique({ properties: ['appointmentId'] })
@Index({ properties: ['doctorId'] })
export class Feedback {
  @Field(() => ID)
  @PrimaryKey({ type: 'string', length: 36 })
  id: string = randomUUID();

  @Property({ type: 'string', length: 36 })
  appointmentId: string;

  @Property({ type: 'string', length: 36 })
  patientId: string;

  @Property({ type: 'string', length: 36 })
  doctorId: string;

  @Field(() => Int)
  @Property({ type: 'tinyint' })
  rating: number;

  /** Sealed (domain/sealed-columns); the GraphQL field `comment` opens it. */
  @Property({ type: 'text', nullable: true })
  comment: SealedText | null;

  @Field(() => Date)
  @Property({ type: 'datetime', length: 3 })
  createdAt: Date & Opt = new Date();
}
