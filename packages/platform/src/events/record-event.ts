import type { EntityManager } from '@mikro-orm/core';
import { createEvent, DomainEvent, EventPayloads, EventType } from './domain-event';
import { OutboxEvent } from './outbox-event.entity';

let lastPosition = 0;

/** Strictly increasing within the process, close to wall-clock microseconds. */
function nextPosition(): number {
  lastPosition = Math.max(lastPosition + 1, Date.now() * 1000);
  return lastPosition;
}

/**
 * Records a domain event in the entity manager's unit of work, so it is
 * committed (or rolled back) together with the change it describes. Call it
 * inside the same `em.transactional` as the change.
 */
export function recordEvent<T extends EventType>(
  em: EntityManager,
  source: string,
  type: T,
  aggregate: { type: string; id: string },
  payload: EventPayloads[T],
): DomainEvent<T> {
  const event = createEvent(source, type, aggregate, payload);
  em.persist(
    em.create(OutboxEvent, {
      id: event.id,
      position: nextPosition(),
      type,
      aggregateType: aggregate.type,
      aggregateId: aggregate.id,
      envelope: JSON.stringify(event),
      occurredAt: new Date(event.occurredAt),
    }),
  );
  return event;
}
