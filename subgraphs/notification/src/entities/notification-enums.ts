import { registerEnumType } from 'type-graphql';

/** What a notice is about. */
export enum NotificationKind {
  CONFIRMATION = 'CONFIRMATION',
  RESCHEDULE = 'RESCHEDULE',
  CANCELLATION = 'CANCELLATION',
  REMINDER = 'REMINDER',
  INVOICE = 'INVOICE',
  FEEDBACK_REQUEST = 'FEEDBACK_REQUEST',
}

/** Who a notice is for, within its appointment. */
export enum NotificationRecipient {
  PATIENT = 'PATIENT',
  DOCTOR = 'DOCTOR',
}

/**
 * QUEUED waits (or waits for a retry); SENDING is the claim taken just before
 * handing the message over, so that no other try sends it again; then SENT,
 * FAILED (gave up after the configured attempts) or SKIPPED (nothing to send
 * to, or no longer due).
 */
export enum NotificationStatus {
  QUEUED = 'QUEUED',
  SENDING = 'SENDING',
  SENT = 'SENT',
  FAILED = 'FAILED',
  SKIPPED = 'SKIPPED',
}

registerEnumType(NotificationKind, { name: 'NotificationKind', description: 'What a notification is about.' });
registerEnumType(NotificationRecipient, {
  name: 'NotificationRecipient',
  description: 'Whom of the appointment a notification is for.',
});
registerEnumType(NotificationStatus, {
  name: 'NotificationStatus',
  description:
    'QUEUED (waiting or retrying), SENDING, SENT, FAILED (gave up after the configured attempts) or SKIPPED (no contact for the channel, or no longer due).',
});
