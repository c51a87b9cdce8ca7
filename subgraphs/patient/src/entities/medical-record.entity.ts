import type { SealedText } from '@carebook/platform';
import { Entity, Index, Opt, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * An entry a doctor writes in a patient's chart. Diagnosis and notes are kept
 * only sealed (bound to the record's id, see domain/sealed-columns); their GraphQL fields open them (resolvers/medical-record.resolver).
 */
@Directive('@key(fields: "id")')
@ObjectType({ description: "An entry in a patient's chart, written by a doctor who saw them." })
@Entity({ tableName: 'medical_records' })
@Index({ properties: ['patientId', 'createdAt'] })
export class MedicalRecord {
  @Field(() => ID)
  @PrimaryKey({ type: 'string', length: 36 })
  id: string = randomUUID();

  @Field(() => ID)
  @Property({ type: 'string', length: 36 })
  patientId: string;

  /** The author; only they may change the record. Exposed as `doctor`. */
  @Property({ type: 'string', length: 36 })
  doctorId: string;

  @Field(() => ID, { nullable: true, description: 'The appointment this entry belongs to, if any.' })
  @Property({ type: 'string', length: 36, nullable: true })
  appointmentId: string | null = null;

  @Property({ type: 'text', hidden: true })
  diagnosisSealed: SealedText;

  @Property({ type: 'text', nullable: true, hidden: true })
  notesSealed: SealedText | null = null;

  @Field(() => Date)
  @Property({ type: 'datetime', length: 3 })
  createdAt: Date & Opt = new Date();

  @Field(() => Date)
  @Property({ type: 'datetime', length: 3, onUpdate: () => new Date() })
  updatedAt: Date & Opt = new Date();
}
