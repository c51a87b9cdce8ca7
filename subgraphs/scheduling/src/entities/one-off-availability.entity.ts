import { Entity, Index, Opt, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';

/**
 * A single day of extra hours. Kept so that replacing the weekly rules does
 * not withdraw the free slots it opened.
 */
@Entity({ tableName: 'one_off_availabilities' })
@Index({ properties: ['doctorId', 'date'] })
export class OneOffAvailability {
  @PrimaryKey({ type: 'string', length: 36 })
  id: string = randomUUID();

  @Property({ type: 'string', length: 36 })
  doctorId: string;

  /** YYYY-MM-DD in the clinic time zone. */
  @Property({ type: 'string', length: 10 })
  date: string;

  @Property({ type: 'string', length: 5 })
  startTime: string;

  @Property({ type: 'string', length: 5 })
  endTime: string;

  @Property({ type: 'integer' })
  slotMinutes: number;

  @Property({ type: 'datetime', length: 3 })
  createdAt: Date & Opt = new Date();
}
