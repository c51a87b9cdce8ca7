import type { DomainEvent, EventType } from './domain-event';

/**
 * Which durable queues receive which events. A consumer owns its queue; the
 * outbox relay adds each event to every queue that subscribes to its type.
 * A queue is listed only once its consumer exists, so nothing piles up unread.
 */
export const EVENT_QUEUES: Record<string, readonly EventType[]> = {
  // patient: who has (or had) an appointment with whom, for chart access
  'patient-care': ['APPOINTMENT_CONFIRMED', 'APPOINTMENT_RESCHEDULED'],
  // notification: confirmations, notices to patient and doctor, reminders, invoice and feedback notices
  notification: [
    'APPOINTMENT_CONFIRMED',
    'APPOINTMENT_RESCHEDULED',
    'APPOINTMENT_CANCELLED',
    'APPOINTMENT_COMPLETED',
    'INVOICE_ISSUED',
    'FEEDBACK_REQUESTED',
  ],
  // billing: invoices for completed visits (and no-shows and late cancellations when a fee is set)
  billing: ['APPOINTMENT_COMPLETED', 'APPOINTMENT_NO_SHOW', 'APPOINTMENT_CANCELLED'],
  // feedback: asks the patient of a completed visit to rate it
  feedback: ['APPOINTMENT_COMPLETED'],
  // admin: the action log of what admins did in the other services
  'admin-log': ['ADMIN_ACTION_TAKEN'],
};

/**
 * Events that change a schedule; also published on Redis pub/sub for live
 * subscriptions. The list is the contract's ScheduleChangeKind too (the
 * scheduling subgraph's enum and the gateway's changes are made from it).
 */
export const SCHEDULE_EVENTS = [
  'SLOTS_OPENED',
  'SLOT_BOOKED',
  'SLOT_RELEASED',
  'SLOT_BLOCKED',
  'APPOINTMENT_RESCHEDULED',
  'APPOINTMENT_CANCELLED',
  'APPOINTMENT_COMPLETED',
  'APPOINTMENT_NO_SHOW',
] as const satisfies readonly EventType[];

export type ScheduleEventType = (typeof SCHEDULE_EVENTS)[number];

export function isScheduleEvent(type: EventType): type is ScheduleEventType {
  return (SCHEDULE_EVENTS as readonly EventType[]).includes(type);
}

export const SCHEDULE_CHANNEL = 'schedule-changes';

/**
 * Events of a queue's types that its consumer has no use for, judged from the event alone. A job costs its
 * consumer and Redis a few round trips (taken, finished), which is most of what a patient service's part of a
 * booking was when the relationship it records was there already.
 */
const NOT_NEEDED: Record<string, (event: DomainEvent) => boolean> = {
  // An earlier confirmed appointment with the same doctor carried the relationship (its event was queued).
  'patient-care': (event) =>
    event.type === 'APPOINTMENT_CONFIRMED' &&
    (event as DomainEvent<'APPOINTMENT_CONFIRMED'>).payload.careKnown === true,
};

/** The queues an event is added to: those subscribing to its type, but for a consumer with no use for it. */
export function queuesFor(event: DomainEvent): string[] {
  return Object.entries(EVENT_QUEUES)
    .filter(([queue, types]) => types.includes(event.type) && !NOT_NEEDED[queue]?.(event))
    .map(([queue]) => queue);
}
