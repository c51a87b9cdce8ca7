import type { EntityManager } from '@mikro-orm/core';
import { createEvent, DomainEvent, EventPayloads, EventType } from './domain-event';
import type { SqlDeferrer } from '../orm/sql-pool';
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
  const { event, values } = outboxValues(source, type, aggregate, payload);
  return { event, row: em.create(OutboxEvent, values, { persist: false }) };
}

/** The outbox row of a new event, as plain values (the entity manager's row, or insertEventSql's). */
function outboxValues<T extends EventType>(
  source: string,
  type: T,
  aggregate: { type: string; id: string },
  payload: EventPayloads[T],
) {
  const event = createEvent(source, type, aggregate, payload);
  const values = {
    id: event.id,
    position: nextPosition(),
    type,
    aggregateType: aggregate.type,
    aggregateId: aggregate.id,
    envelope: JSON.stringify(event),
    occurredAt: new Date(event.occurredAt),
  };
  return { event, values };
}

/** insertEvent on a plain SQL transaction (orm/sql-pool.ts): the same row, sent with the transaction's next statement or its commit. */
export function insertEventSql<T extends EventType>(
  sql: SqlDeferrer,
  source: string,
  type: T,
  aggregate: { type: string; id: string },
  payload: EventPayloads[T],
): DomainEvent<T> {
  const { event, values } = outboxValues(source, type, aggregate, payload);
  sql.defer(
    `insert into outbox_events (id, position, type, aggregate_type, aggregate_id, envelope, occurred_at, attempts)
     values (?, ?, ?, ?, ?, ?, ?, 0)`,
    [
      values.id,
      values.position,
      values.type,
      values.aggregateType,
      values.aggregateId,
      values.envelope,
      values.occurredAt,
    ],
  );
  return event;
}
