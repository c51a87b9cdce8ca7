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
  const { event, row } = outboxRow(em, source, type, aggregate, payload);
  em.persist(row);
  return event;
}

/**
 * The same, written at once with one insert instead of through the unit of
 * work: for hot paths that write nothing else through it (the change set
 * computation of a flush costs more than the statement). Inside the same
 * transaction as the change, like recordEvent.
 */
export async function insertEvent<T extends EventType>(
  em: EntityManager,
  source: string,
  type: T,
  aggregate: { type: string; id: string },
  payload: EventPayloads[T],
): Promise<DomainEvent<T>> {
  const { event, row } = outboxRow(em, source, type, aggregate, payload);
  await em.insert(row);
  return event;
}

function outboxRow<T extends EventType>(
  em: EntityManager,
  source: string,
  type: T,
  aggregate: { type: string; id: string },
  payload: EventPayloads[T],
) {
  const event = createEvent(source, type, aggregate, payload);
  const row = em.create(
    OutboxEvent,
    {
      id: event.id,
      position: nextPosition(),
      type,
      aggregateType: aggregate.type,
      aggregateId: aggregate.id,
      envelope: JSON.stringify(event),
      occurredAt: new Date(event.occurredAt),
    },
    { persist: false },
  );
  return { event, row };
}
