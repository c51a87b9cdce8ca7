import { EVENT_QUEUES } from './event-routing';

/**
 * BullMQ queues of background jobs (repeatable jobs, workers), named once
 * here so that their owners and the admin's systemHealth agree on them.
 */
export const JOB_QUEUES = {
  /** scheduling: the daily job that keeps slots open up to the horizon. */
  schedulingHorizon: 'scheduling-horizon',
  /** appointment: settles bookings a crash left PENDING. */
  appointmentReconcile: 'appointment-reconcile',
  /** notification: each email or SMS to send, reminders delayed until due. */
  notificationSend: 'notification-send',
} as const;

/** Every queue the system runs: the event queues of EVENT_QUEUES and the job queues. */
export function allQueueNames(): string[] {
  return [...Object.keys(EVENT_QUEUES), ...Object.values(JOB_QUEUES)];
}
