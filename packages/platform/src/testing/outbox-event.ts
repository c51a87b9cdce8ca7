import type { DomainEvent, EventType } from '../events/domain-event';

/** The event an outbox row holds (its envelope is JSON text), typed as the event type the test looked for. */
export function outboxEvent<T extends EventType>(row: { envelope: string }): DomainEvent<T> {
  return JSON.parse(row.envelope) as DomainEvent<T>;
}
