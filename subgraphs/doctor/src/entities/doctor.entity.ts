import { Collection, Entity, Index, OneToMany, Opt, PrimaryKey, Property } from '@mikro-orm/core';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { DoctorOffering } from './doctor-offering.entity';

/**
 * A doctor's profile. Its id is the doctor's auth user id, so a token's
 * subject names the profile directly. licenseNumber and phone have no @Field
 * here: the resolver exposes them only to admins and the doctor themselves.
 */
@Directive('@key(fields: "id")')
@ObjectType('Doctor', { description: 'A doctor patients can book, with the medical services they offer.' })
@Entity({ tableName: 'doctors' })
@Index({ properties: ['active', 'name'] })
@Index({ properties: ['specialty'] })
export class Doctor {
  @Field(() => ID, { description: "The same id as the doctor's user account." })
  @PrimaryKey({ type: 'string', length: 36 })
  id: string;

  // Shareable: scheduling @provides name and specialty in the availability calendar, from what it asked this service.
  @Directive('@shareable')
  @Field(() => String)
  @Property({ type: 'string', length: 120 })
  name: string;

  @Directive('@shareable')
  @Field(() => String)
  @Property({ type: 'string', length: 80 })
  specialty: string;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  bio: string | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 200, nullable: true })
  location: string | null = null;

  @Property({ type: 'string', length: 40, unique: true })
  licenseNumber: string;

  @Property({ type: 'string', length: 24, nullable: true })
  phone: string | null = null;

  @Field(() => Boolean, { description: 'Inactive doctors are not listed, but stay readable for past appointments.' })
  @Property({ type: 'boolean' })
  active: boolean & Opt = true;

  @Field(() => Date)
  @Property({ type: 'datetime', length: 3 })
  createdAt: Date & Opt = new Date();

  @Property({ type: 'datetime', length: 3, onUpdate: () => new Date() })
  updatedAt: Date & Opt = new Date();

  /** The services this doctor offers; used to filter doctors by service (GraphQL reads them through a loader). */
  @OneToMany({ entity: () => DoctorOffering, mappedBy: 'doctor' })
  offerings = new Collection<DoctorOffering>(this);
}
