import { Entity, Opt, PrimaryKey, Property } from '@mikro-orm/core';

/** Marks an event as handled by one consumer, so a redelivery changes nothing (idempotent consumers). */
@Entity({ tableName: 'processed_events' })
export class ProcessedEvent {
  /** `<consumer>:<event id>`. */
  @PrimaryKey({ type: 'string', length: 100 })
  id: string;

  @Property({ type: 'datetime', length: 3 })
  processedAt: Date & Opt = new Date();
}
