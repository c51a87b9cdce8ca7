import type { AppointmentFacts, DomainEvent, DoctorUnavailability, EventPayloads } from '@carebook/platform';
import { NotificationKind, NotificationRecipient } from '../entities/notification-enums';
import { dueReminders, ReminderOffset } from './reminder-offsets';

/**
 * One notice to one person, before its channels are known: what the send job
 * carries. Ids and times only (job payloads are stored in clear text in Redis).
 */
export interface Notice {
  kind: NotificationKind;
  appointmentId: string;
  recipient: NotificationRecipient;
  recipientId: string;
  /** Reminders: the offset's name (`24h`); '' otherwise. */
  offset: string;
  /** Tells repeated notices of a kind apart: the event id, or for reminders the start they remind of. */
  occurrence: string;
  scheduledFor: string;
  /** The appointment as the event described it (absent for billing and feedback events, which name only the appointment). */
  facts?: AppointmentFacts;
  previousStartsAt?: string;
  invoice?: { invoiceId: string; amount: string; currency: string };
  /** iCalendar SEQUENCE of the attached event: grows with each change. */
  sequence?: number;
  /** A cancellation by the clinic (time off, closure): why, and the free times to offer the patient (ids and times only). */
  unavailability?: DoctorUnavailability;
}

export interface NoticePlan {
  /** Send now. */
  notices: Notice[];
  /** Delayed reminders to (re)schedule. */
  reminders: Notice[];
  /** Drop every pending reminder of the appointment first (moved, cancelled, done). */
  dropRemindersOf: string | null;
  dropReason: string | null;
}

const EMPTY: Omit<NoticePlan, 'notices'> = { reminders: [], dropRemindersOf: null, dropReason: null };

function notice(
  kind: NotificationKind,
  recipient: NotificationRecipient,
  recipientId: string,
  event: DomainEvent,
  extra: Partial<Notice> & { appointmentId: string },
): Notice {
  return { kind, recipient, recipientId, offset: '', occurrence: event.id, scheduledFor: event.occurredAt, ...extra };
}

export function remindersFor(facts: AppointmentFacts, offsets: ReminderOffset[], now: Date): Notice[] {
  return dueReminders(new Date(facts.startsAt), offsets, now).map(({ offset, dueAt }) => ({
    kind: NotificationKind.REMINDER,
    appointmentId: facts.appointmentId,
    recipient: NotificationRecipient.PATIENT,
    recipientId: facts.patientId,
    offset: offset.name,
    occurrence: new Date(facts.startsAt).toISOString(),
    scheduledFor: dueAt.toISOString(),
    facts,
  }));
}

/** Seconds since 2020: a SEQUENCE that grows with each change of the appointment. */
function sequenceAt(iso: string): number {
  return Math.max(1, Math.floor((Date.parse(iso) - Date.UTC(2020, 0, 1)) / 1000));
}

/** What an event asks of the notification service: who hears what now, and which reminders change. */
export function planNotices(event: DomainEvent, offsets: ReminderOffset[], now: Date = new Date()): NoticePlan {
  const { PATIENT, DOCTOR } = NotificationRecipient;
  switch (event.type) {
    case 'APPOINTMENT_CONFIRMED': {
      const facts = event.payload as EventPayloads['APPOINTMENT_CONFIRMED'];
      const base = { appointmentId: facts.appointmentId, facts };
      return {
        ...EMPTY,
        notices: [notice(NotificationKind.CONFIRMATION, PATIENT, facts.patientId, event, { ...base, sequence: 0 })],
        reminders: remindersFor(facts, offsets, now),
      };
    }
    case 'APPOINTMENT_RESCHEDULED': {
      const { previous, ...facts } = event.payload as EventPayloads['APPOINTMENT_RESCHEDULED'];
      const base = {
        appointmentId: facts.appointmentId,
        facts,
        previousStartsAt: previous.startsAt,
        sequence: sequenceAt(event.occurredAt),
      };
      const doctors = [...new Set([facts.doctorId, previous.doctorId])];
      return {
        notices: [
          notice(NotificationKind.RESCHEDULE, PATIENT, facts.patientId, event, base),
          ...doctors.map((id) => notice(NotificationKind.RESCHEDULE, DOCTOR, id, event, base)),
        ],
        reminders: remindersFor(facts, offsets, now),
        dropRemindersOf: facts.appointmentId,
        dropReason: 'appointment moved',
      };
    }
    case 'APPOINTMENT_CANCELLED': {
      const { cancelledBy: _by, unavailability, ...facts } = event.payload as EventPayloads['APPOINTMENT_CANCELLED'];
      const base = { appointmentId: facts.appointmentId, facts };
      return {
        notices: [
          notice(NotificationKind.CANCELLATION, PATIENT, facts.patientId, event, {
            ...base,
            ...(unavailability ? { unavailability } : {}),
          }),
          notice(NotificationKind.CANCELLATION, DOCTOR, facts.doctorId, event, base),
        ],
        reminders: [],
        dropRemindersOf: facts.appointmentId,
        dropReason: 'appointment cancelled',
      };
    }
    case 'APPOINTMENT_COMPLETED': {
      const facts = event.payload as EventPayloads['APPOINTMENT_COMPLETED'];
      return { notices: [], reminders: [], dropRemindersOf: facts.appointmentId, dropReason: 'appointment completed' };
    }
    case 'INVOICE_ISSUED': {
      const { invoiceId, appointmentId, patientId, amount, currency } =
        event.payload as EventPayloads['INVOICE_ISSUED'];
      return {
        ...EMPTY,
        notices: [
          notice(NotificationKind.INVOICE, PATIENT, patientId, event, {
            appointmentId,
            occurrence: invoiceId,
            invoice: { invoiceId, amount, currency },
          }),
        ],
      };
    }
    case 'FEEDBACK_REQUESTED': {
      const { appointmentId, patientId } = event.payload as EventPayloads['FEEDBACK_REQUESTED'];
      return {
        ...EMPTY,
        notices: [notice(NotificationKind.FEEDBACK_REQUEST, PATIENT, patientId, event, { appointmentId })],
      };
    }
    default:
      return { ...EMPTY, notices: [] };
  }
}
