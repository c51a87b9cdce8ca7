import type { DomainEvent, EventPayloads, ScheduleEventType } from '@carebook/platform';

/** The kinds of ScheduleChange, one per schedule event (the contract's ScheduleChangeKind). */
export type ScheduleChangeKind = ScheduleEventType;

/** One change as the gateway routes it: ids only, the fields come from the supergraph. */
export interface ScheduleChangeFacts {
  /** The event's id: what deliveries and shared executions are keyed by. */
  eventId: string;
  kind: ScheduleChangeKind;
  occurredAt: string;
  /** Whose schedule changed: who may receive it besides admins. */
  doctorId: string;
  slotId: string | null;
  appointmentId: string | null;
}

type Payload<T extends keyof EventPayloads> = EventPayloads[T];

/**
 * Turns a schedule event into the change subscribers receive, or null for an
 * event that is not a schedule change. SLOTS_OPENED and SLOT_BLOCKED carry a
 * batch (a week's rules open hundreds of slots): they yield ONE change whose
 * slot is the earliest of the batch (the event lists them by start), so a
 * batch costs one execution per audience and a dashboard refetches the range.
 * A reschedule is the new doctor's change; the old doctor receives the
 * SLOT_RELEASED of the old slot.
 */
export function scheduleChangeOf(event: DomainEvent): ScheduleChangeFacts | null {
  const base = { eventId: event.id, kind: event.type as ScheduleChangeKind, occurredAt: event.occurredAt };
  switch (event.type) {
    case 'SLOTS_OPENED':
    case 'SLOT_BLOCKED': {
      const payload = event.payload as Payload<'SLOTS_OPENED'>;
      return { ...base, doctorId: payload.doctorId, slotId: payload.slotIds[0] ?? null, appointmentId: null };
    }
    case 'SLOT_BOOKED':
    case 'SLOT_RELEASED': {
      const payload = event.payload as Payload<'SLOT_BOOKED'>;
      return { ...base, doctorId: payload.doctorId, slotId: payload.slotId, appointmentId: payload.appointmentId };
    }
    case 'APPOINTMENT_RESCHEDULED':
    case 'APPOINTMENT_CANCELLED':
    case 'APPOINTMENT_COMPLETED':
    case 'APPOINTMENT_NO_SHOW': {
      const payload = event.payload as Payload<'APPOINTMENT_COMPLETED'>;
      return { ...base, doctorId: payload.doctorId, slotId: payload.slotId, appointmentId: payload.appointmentId };
    }
    default:
      return null;
  }
}
