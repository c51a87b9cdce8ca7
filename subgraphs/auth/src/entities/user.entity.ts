import { Role } from '@carebook/platform';
import { Entity, Enum, Index, Opt, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Directive, Field, ID, ObjectType } from 'type-graphql';

@Directive('@key(fields: "id")')
@ObjectType({ description: 'A person who can sign in: a patient, a doctor or an administrator.' })
@Entity({ tableName: 'users' })
@Index({ properties: ['provisioned', 'createdAt'] })
export class User {
  @Field(() => ID)
  @PrimaryKey({ type: 'string', length: 36 })
  id: string = randomUUID();

  @Field(() => String)
  @Property({ type: 'string', length: 254, unique: true })
  email: string;

  @Property({ type: 'string', length: 255, hidden: true })
  passwordHash: string;

  @Field(() => Role)
  @Enum({ items: () => Role, type: 'string', length: 16 })
  role: Role;

  @Field(() => Boolean)
  @Property({ type: 'boolean' })
  active: boolean & Opt = true;

  /**
   * False until the user's profile (patient or doctor) exists in its own
   * service. Such a user cannot sign in, and is removed if provisioning
   * never completes (see provisioning-reconciler).
   */
  @Property({ type: 'boolean' })
  provisioned: boolean & Opt = false;

  @Field(() => Date)
  @Property({ type: 'datetime', length: 3 })
  createdAt: Date & Opt = new Date();

  @Property({ type: 'datetime', length: 3, onUpdate: () => new Date() })
  updatedAt: Date & Opt = new Date();
}
