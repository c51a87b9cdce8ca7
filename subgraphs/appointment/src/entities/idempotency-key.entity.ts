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

  /**
   * What the first request asked for: the same key sent for another slot or
   * service is refused, not answered with this booking. Null on keys stored
   * before these were recorded.
   */
  @Property({ type: 'string', length: 64, nullable: true })
  slotId: (string & Opt) | null = null;

  @Property({ type: 'string', length: 64, nullable: true })
  serviceId: (string & Opt) | null = null;

  /** Set when the first answer was SlotUnavailable (TAKEN, BLOCKED, PAST). */
  @Property({ type: 'string', length: 32, nullable: true })
  unavailableReason: (string & Opt) | null = null;

  @Property({ type: 'datetime', length: 3 })
  createdAt: Date & Opt = new Date();
}
