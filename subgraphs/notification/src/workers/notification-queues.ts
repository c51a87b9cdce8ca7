import { JOB_QUEUES } from '@carebook/platform';
import { NotificationKind } from '../entities/notification-enums';
import type { Notice } from '../domain/notice-plan';

/** The event queue the outbox relays feed (EVENT_QUEUES in platform). */
export const EVENT_QUEUE = 'notification';
/** Sends: event notices now, reminders delayed until due. */
export const SEND_QUEUE = JOB_QUEUES.notificationSend;

/** BullMQ ids may not contain a colon; offsets are like `24h`, so this one never does. */
export function reminderJobId(appointmentId: string, offset: string): string {
  return `reminder_${appointmentId}_${offset}`;
}

export function sendJobId(notice: Notice): string {
  return notice.kind === NotificationKind.REMINDER
    ? reminderJobId(notice.appointmentId, notice.offset)
    : `notice_${notice.kind.toLowerCase()}_${notice.occurrence}_${notice.recipientId}`;
}
