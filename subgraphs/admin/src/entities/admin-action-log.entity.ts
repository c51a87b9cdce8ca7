import type { SealedText } from '@carebook/platform';
import { Entity, Index, Opt, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Field, ID, ObjectType } from 'type-graphql';

/**
 * One thing an admin did, written after it succeeded. Append-only: no code
 * path updates or deletes a row, so the log can be trusted as an audit trail
 * (the key rotation command re-seals `details` under a new key, same text).
 */
@ObjectType({ description: 'One change an administrator made, newest first in adminActionLog.' })
@Entity({ tableName: 'admin_action_logs' })
@Index({ properties: ['createdAt', 'id'] })
@Index({ properties: ['adminId'] })
export class AdminActionLog {
  @Field(() => ID)
  @PrimaryKey({ type: 'string', length: 36 })
  id: string = randomUUID();

  @Field(() => ID, { description: 'The user id of the admin who made the change.' })
  @Property({ type: 'string', length: 36 })
  adminId: string;

  @Field(() => String, {
    description: 'What was done: CREATE_DOCTOR, CREATE_MEDICAL_SERVICE, DEACTIVATE_USER, SET_USER_ROLE, ...',
  })
  @Property({ type: 'string', length: 64 })
  action: string;

  @Field(() => ID, { description: 'The id of what the change was made to (a user, doctor, medical service, ...).' })
  @Property({ type: 'string', length: 64 })
  targetId: string;

  /**
   * The JSON details, sealed: free text such as a deactivation reason or a
   * name (domain/sealed-columns). The GraphQL field `details` opens it.
   */
  @Property({ type: 'text' })
  details: SealedText;

  @Field(() => Date)
  @Property({ type: 'datetime', length: 3 })
  createdAt: Date & Opt = new Date();
}
