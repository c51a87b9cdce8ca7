import { Entity, Index, Opt, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';

/** A period a doctor does not work; slots inside it are BLOCKED, also those opened later. */
@Entity({ tableName: 'time_offs' })
@Index({ properties: ['doctorId', 'startsAt'] })
export class TimeOff {
  @PrimaryKey({ type: 'string', length: 36 })
  id: string = randomUUID();

  @Property({ type: 'string', length: 36 })
  doctorId: string;

  @Property({ type: 'datetime', length: 3 })
  startsAt: Date;

  @Property({ type: 'datetime', length: 3 })
  endsAt: Date;

  @Property({ type: 'string', length: 500, nullable: true })
  reason: string | null = null;

  @Property({ type: 'datetime', length: 3 })
  createdAt: Date & Opt = new Date();
}
