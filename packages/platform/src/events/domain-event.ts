import { randomUUID } from 'node:crypto';
import type { PlaceFacts } from '../locations/location-facts';

/**
 * The domain events services exchange, with the payload each carries. Payloads
 * hold ids and times only, never personal or medical data: they travel
 * through Redis in clear text.
 */
export interface EventPayloads {
  SLOTS_OPENED: { doctorId: string; slotIds: string[]; from: string; to: string };
  SLOT_BOOKED: SlotChange;
  SLOT_RELEASED: SlotChange;
  SLOT_BLOCKED: { doctorId: string; slotIds: string[]; from: string; to: string };
  /**
   * `careKnown`: the patient held a confirmed appointment with this doctor when this one was booked, so the
   * patient service has been told of their care relationship by that one's event: this one is not queued for it
   * (event-routing.ts). Absent: not known, queued.
   */
  APPOINTMENT_CONFIRMED: AppointmentFacts & { careKnown?: boolean };
  /** `late`: the patient moved it inside the cancellation window (recorded as a late cancellation). */
  APPOINTMENT_RESCHEDULED: AppointmentFacts & {
    previous: { slotId: string; doctorId: string; startsAt: string; endsAt: string };
    late?: boolean;
  };
  /**
   * `late`: cancelled (or earlier moved) by the patient inside the cancellation window; with the booked
   * price, for billing's LATE_CANCEL_FEE. Absent in events recorded before late cancellations existed.
   */
  APPOINTMENT_CANCELLED: AppointmentFacts & {
    cancelledBy: string;
    late?: boolean;
    unavailability?: DoctorUnavailability;
  } & Partial<AppointmentPrice>;
  /** With the price and currency agreed at booking (billing invoices from them). */
  APPOINTMENT_COMPLETED: AppointmentFacts & AppointmentPrice;
  APPOINTMENT_NO_SHOW: AppointmentFacts & AppointmentPrice;
  /** billing: an invoice was issued for an appointment (amount as an exact decimal string). */
  INVOICE_ISSUED: { invoiceId: string; appointmentId: string; patientId: string; amount: string; currency: string };
  INVOICE_PAID: { invoiceId: string; appointmentId: string; patientId: string; method: string };
  /** feedback: the patient of a completed appointment is invited to rate it. */
  FEEDBACK_REQUESTED: { appointmentId: string; patientId: string; doctorId: string };
  FEEDBACK_SUBMITTED: { feedbackId: string; appointmentId: string; doctorId: string; rating: number };
  /**
   * An admin changed something in the recording service (or exported from it): an entry for the admin
   * service's action log, written in the same transaction as the change. `details` hold ids and plain
   * facts only (the admin service withholds keys that name sensitive data).
   */
  ADMIN_ACTION_TAKEN: AdminActionFacts;
}

export interface AdminActionFacts {
  adminId: string;
  /** Upper snake case, like SET_WEEKLY_AVAILABILITY. */
  action: string;
  targetId: string;
  details?: Record<string, unknown>;
}

/**
 * Why the clinic cancelled an appointment: the doctor took time off or the
 * clinic closed over it. `alternatives` are free slots the patient could book
 * instead (ids and times only), for the patient's notice.
 */
export interface DoctorUnavailability {
  cause: 'TIME_OFF' | 'CLINIC_CLOSED';
  alternatives: Array<{ slotId: string; doctorId: string; startsAt: string }>;
}

export interface SlotChange {
  slotId: string;
  doctorId: string;
  appointmentId: string | null;
  startsAt: string;
  endsAt: string;
}

export interface AppointmentFacts {
  appointmentId: string;
  patientId: string;
  doctorId: string;
  serviceId: string;
  slotId: string;
  startsAt: string;
  endsAt: string;
  /**
   * Where, and the zone its times are shown in (a location's name and address are no patient's data).
   * Absent in events recorded before locations existed: the default location, CLINIC_TIME_ZONE.
   */
  place?: PlaceFacts;
}

/** The price of an appointment as agreed at booking: an exact decimal string ("35.00") and an ISO currency code. */
export interface AppointmentPrice {
  price: string;
  currency: string;
}

export type EventType = keyof EventPayloads;

/** The envelope every event travels in; `version` is the payload schema's version. */
export interface DomainEvent<T extends EventType = EventType> {
  id: string;
  type: T;
  version: number;
  occurredAt: string;
  /** The service that recorded it. */
  source: string;
  aggregateType: string;
  aggregateId: string;
  payload: EventPayloads[T];
}

export function createEvent<T extends EventType>(
  source: string,
  type: T,
  aggregate: { type: string; id: string },
  payload: EventPayloads[T],
  occurredAt = new Date(),
): DomainEvent<T> {
  return {
    id: randomUUID(),
    type,
    version: 1,
    occurredAt: occurredAt.toISOString(),
    source,
    aggregateType: aggregate.type,
    aggregateId: aggregate.id,
    payload,
  };
}
