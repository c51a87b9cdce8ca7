import { Entity, Opt, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';

/**
 * The first outcome of a booking sent with an idempotency key, so a retry
 * answers the same and books nothing twice. Unique per patient: two patients
 * may happen to pick the same key.
 */
@Entity({ tableName: 'idempotency_keys' })
@Unique({ properties: ['patientId', 'key'] })
export class IdempotencyKey {
  @PrimaryKey({ type: 'string', length: 36 })
  id: string = randomUUID();

  @Property({ type: 'string', length: 36 })
  patientId: string;

  @Property({ type: 'string', length: 100 })
  key: string;

  @Property({ type: 'string', length: 36 })
  appointmentId: string;

  /** Set when the first answer was SlotUnavailable (TAKEN, BLOCKED, PAST). */
  @Property({ type: 'string', length: 32, nullable: true })
  unavailableReason: (string & Opt) | null = null;

  @Property({ type: 'datetime', length: 3 })
  createdAt: Date & Opt = new Date();
}
