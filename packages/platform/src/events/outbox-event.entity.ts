import { BigIntType, Entity, Index, Opt, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * A domain event waiting to be published, written in the same transaction as
 * the change it describes (transactional outbox). Services add this entity to
 * their own store; the relay publishes rows in `position` order.
 */
@Entity({ tableName: 'outbox_events' })
@Index({ properties: ['publishedAt', 'position'] })
export class OutboxEvent {
  @PrimaryKey({ type: 'string', length: 36 })
  id: string;

  /** Monotonic within a process (microsecond clock + counter): the publish order. */
  @Property({ type: new BigIntType('number') })
  position: number;

  @Property({ type: 'string', length: 64 })
  type: string;

  @Property({ type: 'string', length: 64 })
  aggregateType: string;

  @Property({ type: 'string', length: 36 })
  aggregateId: string;

  /**
   * The whole envelope (DomainEvent) as JSON text. Text, not a JSON column:
   * MariaDB returns JSON columns as strings through the mysql driver, MySQL as objects.
   */
  @Property({ type: 'text' })
  envelope: string;

  @Property({ type: 'datetime', length: 3 })
  occurredAt: Date;

  @Property({ type: 'datetime', length: 3, nullable: true })
  publishedAt: (Date & Opt) | null = null;

  @Property({ type: 'integer' })
  attempts: number & Opt = 0;
}
